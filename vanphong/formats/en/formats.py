"""English-interface formats: the same dd/mm/yyyy dates as Vietnamese (invariant 6)."""

from vanphong.formats.vi.formats import *  # noqa: F403
