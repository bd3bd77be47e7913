"""`joinedup` commands: demo (being written)."""
