#!/usr/bin/env python3
"""Counts the .NET test results of a ./test.sh run.

Reads every .trx file under the given folder (the TRX logger of `dotnet test`, one file per test
project), prints each failed or skipped test with its message, and as its last line the three totals
"PASSED FAILED SKIPPED" for test.sh to add to its own checks. Data-driven tests that carry their cases
as inner results are counted by case.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
PASSED = {"Passed", "Completed", "Warning"}
SKIPPED = {"NotExecuted", "Inconclusive", "Pending", "NotRunnable"}
MESSAGE_LINES = 20


def leaf_results(results):
    """UnitTestResult elements that are test cases, not containers of inner results."""
    for result in results.findall(f"{NS}UnitTestResult"):
        inner = result.find(f"{NS}InnerResults")
        if inner is not None and inner.find(f"{NS}UnitTestResult") is not None:
            yield from leaf_results(inner)
        else:
            yield result


def text_of(result, path):
    node = result.find(path)
    return (node.text or "").strip() if node is not None else ""


def indent(text):
    lines = text.splitlines()
    shown = lines[:MESSAGE_LINES]
    if len(lines) > MESSAGE_LINES:
        shown.append(f"... ({len(lines) - MESSAGE_LINES} more lines in the .trx file)")
    return "\n".join(f"        {line}" for line in shown)


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results")
    files = sorted(folder.rglob("*.trx"))
    passed = failed = skipped = 0
    if not files:
        print(f"No test results (.trx) under {folder}.")
    for trx in files:
        try:
            run = ET.parse(trx).getroot()
        except ET.ParseError as error:
            print(f"FAILED  {trx.name}: unreadable test results ({error})")
            failed += 1
            continue
        results = run.find(f"{NS}Results")
        for result in leaf_results(results) if results is not None else []:
            outcome = result.get("outcome", "")
            name = result.get("testName", "?")
            if outcome in PASSED:
                passed += 1
                continue
            message = text_of(result, f"{NS}Output/{NS}ErrorInfo/{NS}Message")
            if outcome in SKIPPED:
                skipped += 1
                print(f"SKIPPED {name}" + (f"\n{indent(message)}" if message else ""))
            else:
                failed += 1
                stack = text_of(result, f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace")
                print(f"FAILED  {name} [{outcome}] ({trx.name})")
                if message:
                    print(indent(message))
                if stack:
                    print(indent("\n".join(stack.splitlines()[:5])))
        # A test host that crashed or was aborted says so in the run's summary, not in a test result.
        # xunit also repeats each failed test there ("... [FAIL]"), which is already shown above.
        for info in run.iterfind(f"{NS}ResultSummary/{NS}RunInfos/{NS}RunInfo"):
            text = text_of(info, f"{NS}Text")
            if info.get("outcome") in ("Error", "Failed", "Aborted", "Timeout") and not text.endswith("[FAIL]"):
                print(f"RUN     {trx.name}: {text}")
    print(f"{passed} {failed} {skipped}")


if __name__ == "__main__":
    main()
