# 窗口与命令行共用：时长与倒计时。

duration-minutes = { $m } 分
duration-hours = { $h } 小时
duration-hours-minutes = { $h } 小时 { $m } 分
countdown-left = 剩余 { $span }
countdown-overdue = 已超时 { $span }
