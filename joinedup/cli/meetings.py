"""`joinedup` commands for meetings (being written)."""
