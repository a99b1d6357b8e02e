"""Helpers shared by every stage: errors, atomic output, folders, locks, spreadsheet styles."""
