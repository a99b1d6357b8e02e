"""The consolidated workbook (汇总表): its layout and its writer side by side.

The hall writes it once per collection or check (toolkit.app), with XlsxWriter. It is an output
for people: nothing of the project reads it back (the store is the channel); the tests read it
with tests/consolidated_reader.py.
"""
