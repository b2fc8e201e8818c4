"""The payroll import (docs/import.md): a CSV or XLSX export of a payroll system in, employees and
their current employment created or updated by employee number.

reading.py turns the file's bytes into rows of text; columns.py names the canonical columns and finds
them among the headers; values.py parses one row into checked values or named errors; service.py
checks a whole file and writes it in bulk, all or nothing; tasks.py runs that in the background.
"""
