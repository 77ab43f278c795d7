# 窗口与命令行共用：时长与倒计时。

duration-minutes = { $m } 分
duration-hours = { $h } 小时
duration-hours-minutes = { $h } 小时 { $m } 分
countdown-left = 剩余 { $span }
countdown-overdue = 已超时 { $span }

## Names of states and roles, as labels
state-label-pending-review = 待审核
state-label-escalated = 待主管复核
state-label-approved = 审核通过
state-label-rejected = 审核不通过
state-label-collection-failed = 采集不成功
role-label-reviewer = 审核员
role-label-supervisor = 主管
# Between the items of a list in running text (“a, b”).
list-separator = 、
