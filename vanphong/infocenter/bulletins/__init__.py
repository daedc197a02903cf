"""Bulletins (bản tin): composing from chosen events, editing, the approval flow, issuing as a rendered document.

`queries` reads through the access policy, `services` changes (check_* then do_*, audited), `flows` is the
workflow machine, `issuing` numbers and renders a bulletin into a document of the documents capability.
"""
