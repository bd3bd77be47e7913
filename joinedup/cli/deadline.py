"""`joinedup` commands: deadline (being written)."""
