"""The `vanphong` command: Django's management under the project's name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "vanphong"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
