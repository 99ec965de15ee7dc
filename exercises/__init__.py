"""Coursework: exercises a student starts, checks and resets on their own copy of the site.

Each numbered folder is one exercise (README, checks, the change that makes its
starting state, the reference solution); `grading/` runs checks, `workspace.py`
changes the student's files, `proof.py` shows in CI that every exercise works
both ways. `python -m exercises` is the command line the Makefile calls.
"""
