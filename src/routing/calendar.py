"""The Vietnamese working calendar (office hours, public holidays, swapped days) lives here.

Deadlines are computed in the province's time zone and stored in UTC.
"""

from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
