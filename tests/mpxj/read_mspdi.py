"""Reads an MS Project XML (MSPDI) file with MPXJ, an independent reader,
and prints what it understood as JSON on stdout, for tests/interop.rs to
compare with forumplan's own schedule.

Usage: python3 read_mspdi.py FILE.xml
Exit 3 when MPXJ (or JPype, or Java) is not installed: the test then skips,
or fails under CI.
"""

import json
import sys

try:
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)
except ImportError as missing:
    print(f"mpxj not installed: {missing}", file=sys.stderr)
    sys.exit(3)


def day(value):
    """A Java LocalDateTime as YYYY-MM-DD, or None."""
    return None if value is None else str(value.toLocalDate().toString())


def main(path):
    jpype.startJVM(convertStrings=True)
    from org.mpxj.reader import UniversalProjectReader

    project = UniversalProjectReader().read(path)
    if project is None:
        print(f"MPXJ could not read {path}", file=sys.stderr)
        sys.exit(1)
    tasks = []
    for task in project.getTasks():
        if task.getUniqueID() is None or task.getUniqueID().intValue() == 0:
            continue
        links = []
        for relation in task.getPredecessors():
            lag = relation.getLag()
            links.append(
                {
                    "predecessor": relation.getPredecessorTask().getUniqueID().intValue(),
                    "type": str(relation.getType().name()),
                    "lag": lag.getDuration(),
                    "lag_units": str(lag.getUnits().name()),
                }
            )
        parent = task.getParentTask()
        tasks.append(
            {
                "uid": task.getUniqueID().intValue(),
                "name": task.getName(),
                "id": task.getText(1),
                "summary": bool(task.getSummary()),
                "milestone": bool(task.getMilestone()),
                "outline_level": task.getOutlineLevel().intValue(),
                "parent": None
                if parent is None or parent.getUniqueID().intValue() == 0
                else parent.getName(),
                "start": day(task.getStart()),
                "finish": day(task.getFinish()),
                "duration_days": task.getDuration().getDuration()
                if task.getDuration() is not None
                else None,
                "duration_units": str(task.getDuration().getUnits().name())
                if task.getDuration() is not None
                else None,
                "percent_complete": task.getPercentageComplete().intValue()
                if task.getPercentageComplete() is not None
                else 0,
                "links": links,
            }
        )
    calendars = []
    for calendar in project.getCalendars():
        exceptions = []
        for exception in calendar.getCalendarExceptions():
            exceptions.append(
                {
                    "from": str(exception.getFromDate().toString()),
                    "to": str(exception.getToDate().toString()),
                    "working": bool(exception.getWorking()),
                }
            )
        calendars.append({"name": calendar.getName(), "exceptions": exceptions})
    print(
        json.dumps(
            {
                "title": project.getProjectProperties().getProjectTitle(),
                "tasks": tasks,
                "calendars": calendars,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
