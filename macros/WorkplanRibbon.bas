Attribute VB_Name = "WorkplanRibbon"
' Ribbon callbacks of the workplan add-in: one Sub per button of customUI14.xml.
' Each hands over to one function of the Python module toolkit.front.ribbon via xlwings' RunPython.
' Keep this file ASCII: user-visible (Chinese) text belongs in the ribbon XML and in Python.
Option Explicit

Sub ImportPlan(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.import_plan()"
End Sub

Sub Assign(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.assign()"
End Sub

Sub Collect(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.collect()"
End Sub

Sub Check(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.check()"
End Sub

Sub Feedback(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.feedback()"
End Sub

Sub Remind(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.remind()"
End Sub

Sub Status(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.status()"
End Sub

Sub Summary(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.summary()"
End Sub

Sub OpenFolder(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.open_folder()"
End Sub

Sub ShowHelp(control As IRibbonControl)
    EnsureWorkbook
    RunPython "import toolkit.front.ribbon; toolkit.front.ribbon.show_help()"
End Sub

Private Sub EnsureWorkbook()
    ' RunPython reads ActiveWorkbook: when no workbook is open, give it an empty one,
    ' so that Python can say which workbook to open instead of VBA failing.
    If ActiveWorkbook Is Nothing Then Workbooks.Add
End Sub
