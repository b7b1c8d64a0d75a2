"""The course's grader, built on nbgrader.

    python -m grader --help          # release, collect, autograde, feedback, export, report, check

Where to read: cli.py (the commands), autograde.py (parallel grading), sandbox.py
(kernel limits), integrity.py (the anti-cheating check), checks.py (the Korean
feedback the notebooks' test cells use), release.py (notebooks/ from grader/source/).
"""
