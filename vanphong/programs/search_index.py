"""Programme items (search_programmes.py) and proposals (search_appraisal.py) in the one search."""

from vanphong.programs import search_appraisal, search_programmes  # noqa: F401
