"""`python -m vanphong.pgcheck URL`: exit 0 when PostgreSQL answers at URL (used by `make test`)."""

from __future__ import annotations

import sys


def main(url: str) -> int:
    import psycopg

    # The test database itself may not exist yet; connecting to the server's default database is enough.
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
