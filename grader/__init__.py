"""Grading helpers for the autograd course (placeholder).

The grader that checks the notebooks' nbgrader exercises is built in a later
issue; this package exists now so that the project's packaging already
installs it.
"""
