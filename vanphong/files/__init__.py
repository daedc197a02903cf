"""The content-addressed file store every capability uses: check_store_file, StoredFile, file_response."""
