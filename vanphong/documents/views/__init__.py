"""Pages of the văn thư: the registers, incoming entries, documents and their files (one module each)."""
