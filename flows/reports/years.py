"""The one home of the year a report prints: a four-digit year 1950-2069 ("2019"), and a year standing as a token
of its own, not a part of a number ("i 2019," and "(2019)" are years; "2019,5" and "12.2019" are not).

Table headers, prose sentences and the years a sentence's figures are for all read years with these patterns.
(flows/reports/stream.YEAR, 1980-2049, is the narrower year of a report's title and chapter headers.)
"""
from __future__ import annotations

import re

YEAR = r"(?:19[5-9]\d|20[0-6]\d)"
# a year, not a part of a number: no digit, decimal comma or point before it, no digit or decimal after it
YEAR_TOKEN = re.compile(rf"(?<![\d,.]){YEAR}(?!\d|,\d)")
