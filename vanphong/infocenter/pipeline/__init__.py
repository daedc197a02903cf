"""The analysis pipeline: pure Python, no database. Read files (sources), clean (clean, clutter), date (dates),
recognise (people, places), classify (fields), group copies (dedupe) and events (events); analyze runs it all."""
