"""workplan: run a bureau's annual work plan (工作要点) through Excel.

The pipeline, one sub-package per stage:
  plan_import  plan text -> Plan -> master workbook (任务分解总表)
  master       read and write the master workbook
  assign       master -> one assignment workbook per unit (生成任务表)
  collect      returned workbooks -> consolidated workbook (汇总)
  check        reported figures vs targets (核对)
  summary      year-end summary workbook and document (年终总结)
Front ends: cli (command line), ribbon (Excel add-in), batch (unattended run), demo.
"""

__version__ = "0.1.0"
