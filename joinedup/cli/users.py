"""`joinedup` commands: users (being written)."""
