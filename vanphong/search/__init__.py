"""One search over every record type: an embedded Tantivy index fed by a change log in the database.

Apps register their record types in `search_index.py` (see `registry`); changes reach the index through
`changes.record_changed`; people search through `query.query`, which enforces the access policy inside the engine
and again on every hit.
"""
