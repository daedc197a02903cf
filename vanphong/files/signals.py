"""Signals of the file store, for other apps to connect to (search, documents).

`text_extracted` is sent once a file's extracted text is committed, with `stored_file_id` (an int) only:

    from django.dispatch import receiver
    from vanphong.files.signals import text_extracted

    @receiver(text_extracted)
    def index_attachment_text(sender, stored_file_id, **kwargs): ...

A receiver that fails is logged and does not undo the extraction or stop the other receivers.
"""

from __future__ import annotations

from django.dispatch import Signal

text_extracted = Signal()
