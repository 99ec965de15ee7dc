"""`make bench`: how fast the site answers, measured with wrk against nginx and gunicorn's defaults.

`python -m bench` (bench/__main__.py) serves a throwaway, seeded copy of the
site as `make run` does, loads it from 127.0.0.1 and writes the results to
build/bench/. Never part of `make test`: its figures depend on the machine
and on whatever else it is doing.
"""


class BenchError(Exception):
    """Something kept the bench from measuring: the message says what, for the terminal."""
