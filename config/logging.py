"""How the site writes its log: a line per record, a traceback only for a server error."""

import logging

# Each control character as its escape, so "\n" prints as the two characters \n.
CONTROL_ESCAPES = {code: chr(code).encode("unicode_escape").decode() for code in [*range(32), 127]}


class OneLineFormatter(logging.Formatter):
    """One line per record; only a server error keeps its traceback.

    A request refused for what the client sent (a 4xx: a bad Host header, a
    body too large or unreadable) is the client's mistake, not a bug to debug:
    one line says what and where, where Django would print a traceback. Control
    characters that came with a request (a newline in a user name) are
    escaped, so a client cannot write a line of its own into the log.
    """

    def format(self, record: logging.LogRecord) -> str:
        saved = record.msg, record.args, record.exc_info, record.exc_text
        record.msg = record.getMessage().translate(CONTROL_ESCAPES)
        record.args = None
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.msg, record.args, record.exc_info, record.exc_text = saved
