"""`joinedup` commands for programme (being written)."""
