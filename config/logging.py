"""How the site writes its log: a line per record, a traceback only for a server error."""

import logging

# Each character that could end or fake a line, as its escape: the control
# characters, and the ones str.splitlines() also breaks at (NEL, LS, PS).
LINE_BREAKERS = [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
ESCAPES = {code: chr(code).encode("unicode_escape").decode() for code in LINE_BREAKERS}
# A traceback's lines are indented, so none can pass for a record of its own.
TRACEBACK_INDENT = "  | "


class OneLineFormatter(logging.Formatter):
    """One line per record; only a server error keeps its traceback, indented.

    A request refused for what the client sent (a 4xx: a bad Host header, a
    body too large or unreadable) is the client's mistake, not a bug to debug:
    one line says what and where, where Django would print a traceback.
    Characters that came with a request and would break the line (a newline
    in a user name) are escaped, and a server error's traceback, which may
    quote the request, is indented under its record, so a client cannot write
    a line of its own into the log.
    """

    def format(self, record: logging.LogRecord) -> str:
        saved = record.msg, record.args, record.exc_info, record.exc_text
        record.msg = record.getMessage().translate(ESCAPES)
        record.args = None
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.msg, record.args, record.exc_info, record.exc_text = saved

    def formatException(self, exc_info: object) -> str:
        text = super().formatException(exc_info)
        return "\n".join(TRACEBACK_INDENT + line for line in text.splitlines())
