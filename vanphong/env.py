"""Typed readers for settings from the environment: each fails loudly, naming the variable, on a bad value."""

from __future__ import annotations

import os
from pathlib import Path


class EnvError(Exception):
    """A setting in the environment has a value we cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise EnvError(f"{name}={raw!r}: giá trị phải là 1/0, true/false, yes/no hoặc on/off.")


def envint(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EnvError(f"{name}={raw!r}: giá trị phải là một số nguyên.") from None
    if minimum is not None and value < minimum:
        raise EnvError(f"{name}={value}: giá trị phải từ {minimum} trở lên.")
    if maximum is not None and value > maximum:
        raise EnvError(f"{name}={value}: giá trị phải không quá {maximum}.")
    return value


def envlist(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def envchoice(name: str, default: str, choices: list[str] | tuple[str, ...]) -> str:
    raw = os.environ.get(name, default).strip()
    if raw not in choices:
        raise EnvError(f"{name}={raw!r}: giá trị phải là một trong {', '.join(choices)}.")
    return raw


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets); not both."""
    file_var = f"{name}_FILE"
    direct = os.environ.get(name)
    path = os.environ.get(file_var)
    if direct and path:
        raise EnvError(f"Chỉ đặt một trong hai biến {name} và {file_var}.")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise EnvError(f"{file_var}={path!r}: không đọc được tệp ({exc.strerror}).") from None
    return direct if direct is not None else default
