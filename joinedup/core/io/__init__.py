"""Spreadsheet plumbing shared by every import and export: reading and writing CSV and XLSX,
and the checks that make an uploaded file safe to read."""
