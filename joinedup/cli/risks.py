"""`joinedup` commands for risks (being written)."""
