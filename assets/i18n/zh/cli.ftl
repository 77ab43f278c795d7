# 命令行：出错时命令正在做什么，以及它的拒绝理由。

cli-cannot-open-db = 无法打开数据库
cli-cannot-open-migrate-source = 无法打开要迁移的数据库
cli-cannot-open-migrate-target = 无法打开目标数据库
cli-migration-failed = 迁移失败：{ $at }
cli-cannot-read-spec = 无法读取规格文件：{ $path }
cli-spec-not-json = 规格文件不是有效的 JSON：{ $path }
cli-production-failed = 制作失败
cli-bad-print-size = --size 必须是 小二寸、二寸、一寸 或 宽x高（毫米，各 15–120），而不是“{ $value }”
cli-bad-copies = --copies 必须在 1 到 50 之间，而不是 { $value }
cli-bad-paper = --paper 必须是 six_inch 或 a4，而不是“{ $value }”
cli-password-env-missing = 请把 { $name } 的密码放在环境变量 { $env } 中
cli-cannot-sign-in = 无法以 { $name } 登录
cli-cannot-read-password-stdin = 无法从标准输入读取密码
cli-cannot-read-password-terminal = 无法从终端读取密码
cli-no-new-password = 没有给出密码：请设置 { $env }，或从标准输入传入
cli-cannot-hide-password = 无法关闭此终端的回显，输入的密码会显示出来；请设置 { $env }，或从标准输入传入
cli-cannot-read-folder = 无法读取文件夹：{ $path }
cli-cannot-create-folder = 无法创建文件夹：{ $path }
cli-decision-export-failed = 审核结果导出失败
cli-chsi-export-failed = 学信网照片包导出失败
cli-cannot-find-case = 找不到该案件
cli-say-case = 请给出 --case 案件编号 或 --id-number 证件号
cli-bad-time = “{ $value }”不是 2026-12-01T18:00:00+08:00 这样的时间（RFC 3339，带时区）
cli-no-gui = 此版本没有审核窗口（编译时未启用 `gui` 功能），请使用子命令
cli-cannot-open-window = 无法打开审核窗口：{ $error }
cli-no-data-dir = 找不到用户数据目录，请用 --db 指定路径
cli-say-due = 请给出 --due 时间 或 --hours 小时数
cli-say-submission = 请给出 --submission 上传编号 或 --stdin
cli-say-decision = 请给出 --approve、--reject 原因代码 或 --escalate
cli-restore-sqlite-only = restore 用于替换 SQLite 文件；在 PostgreSQL 上，请用 `pg_restore --clean --if-exists --dbname=URL FILE` 恢复 `pg_dump --format=custom` 备份：{ $at }
cli-cannot-restore = 无法恢复备份：{ $path }
cli-cannot-build-demo = 无法生成演示数据：{ $at }
cli-cannot-create-demo = 无法创建演示数据库
cli-cannot-add-account = 无法添加账号 { $name }
cli-backup-failed = 备份失败：{ $at }
cli-roster-row-errors = { $bad } 行有错误，未导入任何数据（请修正，或加 --skip-invalid 只导入 { $valid } 行有效数据）
cli-cannot-import = 无法导入名单：{ $path }
cli-campaign-needs-school = 没有名为“{ $name }”的采集批次；要新建，请同时给出 --school 学院 --window 开始..结束
cli-unknown-timezone = 未知时区“{ $value }”
cli-bad-window = 采集期应写成 2026-03-24..2026-04-02 的形式，而不是“{ $value }”
cli-bad-start-date = 开始日期“{ $value }”无效
cli-bad-end-date = 结束日期“{ $value }”无效
cli-window-reversed = 采集期的结束早于开始：{ $value }
cli-unknown-list = 未知列表“{ $value }”，可用的有：{ $known }
cli-cannot-read-stream = 无法读取决定流
cli-stream-failed = 决定流中有 { $count } 行失败

## 命令的报告

cli-swept = { $count } 个案件已标记为采集不成功
cli-suggested-reasons = 建议的不通过原因：{ $codes }
cli-migrated = 已把 { $from } 迁移到 { $to }：{ $tables } 张表共 { $rows } 行，{ $photos } 张照片已用 SHA-256 核对（{ $secs } 秒）
cli-migrated-accounts = 这些账号在服务器上还不能登录：各账号在第一次用数据库所有者的网址登录时获得登录权限，或由主管重新设置密码（见 docs/postgres.md）
cli-envelope = { $school } / { $batch }：{ $students } 名学生，{ $copies } 张相片共 { $sheets } 页；名单 { $roster } 人 = 袋内 { $inside } 人 + 袋外 { $outside } 人
cli-missing-glyphs = 注意：内置字体没有“{ $chars }”的字形，这些姓名会印成方框，请手工核对
cli-produced = { $students } 名学生，{ $copies } 张相片，{ $sheets } 页，用时 { $secs } 秒（第 { $run } 次制作），写入 { $path }
cli-recheck-none = 没有{ $scope ->
    [all] 上传
   *[waiting] 待审照片
}需要检测：所有已存的结果都是最新的
cli-recheck-start = { $count } 张{ $scope ->
    [all] 上传
   *[waiting] 待审照片
}需要检测…
cli-recheck-done = 已检测 { $count } 张{ $scope ->
    [all] 上传
   *[waiting] 待审照片
}，用时 { $secs } 秒（每秒 { $rate } 张，{ $threads } 个线程）；{ $unreadable } 张无法解码
cli-reopened = 案件 { $case }：{ $from } → { $to }（上传 { $submission }）
cli-extended = 案件 { $case }：{ $from } → { $to }，重新上传截止 { $due }
cli-decided = 上传 { $submission }：{ $from } → { $to }（决定 { $decision }）
cli-makeup = 案件 { $case }：已预约补拍 { $at }
cli-reassigned = 案件 { $case } 已改派给 { $to }
cli-ingest-recorded = 已登记  { $file }：上传 { $submission }（第 { $attempt } 次）
cli-ingest-recorded-only = 已登记  { $file }：上传 { $submission }（仅记录）
cli-ingest-warning = 提示  { $file }：{ $why }
cli-ingest-refused = 拒收  { $file }：{ $why }
cli-ingest-summary = 已登记 { $recorded } 张，拒收 { $refused } 张，提示 { $warnings } 条
cli-no-new-decisions = 没有新的审核结果需要导出，未写入任何文件
cli-decisions-exported = 已导出 { $count } 条审核结果（通过 { $approved }，不通过 { $rejected }）：{ $files }
cli-queue-empty = 队列已清空
cli-restored = 已从 { $from } 恢复：结构版本 { $version }，{ $decisions } 条决定，{ $audit } 条审计记录，写入 { $path }
cli-previous-kept = 原数据库保留在 { $path }
cli-chsi-exported = 已导出 { $count } 张照片{ $sealed ->
    [yes] （已加密）
   *[no] {""}
}（{ $files } 个文件）到 { $path }
cli-demo-built = 演示批次“{ $campaign }”：{ $students } 名学生，{ $uploads } 次上传，{ $decisions } 个决定（{ $secs } 秒），位于 { $at }
cli-demo-accounts = 演示账号（登录名 / 密码，仅供试用）：
cli-demo-created = 已在 { $at } 创建演示数据库
cli-user-added = 已添加{ $role ->
    [supervisor] 主管
    [reviewer] 审核员
   *[other] { $role }
} { $name }（{ $display }）
cli-user-disabled = 已停用 { $name }
cli-user-enabled = 已启用 { $name }
cli-user-password = 已修改 { $name } 的密码
cli-no-accounts = 还没有账号：请用 `user add 登录名 --role supervisor` 添加一个主管
cli-backup-written = 备份已写出：{ $bytes } 字节，结构版本 { $version }，{ $decisions } 条决定，{ $audit } 条审计记录（完整性检查通过）：{ $path }
cli-roster-imported = 已导入 { $imported } 名学生（其中 { $offline } 名线下采集）[{ $encoding }]；跳过 { $skipped } 行：{ $path }
cli-warning-line = 提示：{ $text }
cli-error-line = 错误：{ $text }
cli-output-failed = 无法写出输出：{ $error }
cli-rows-written = 已写入 { $count } 行到 { $path }
cli-new-password-prompt = { $name } 的新密码：
cli-echo-not-restored = 注意：无法恢复终端回显，请运行 `stty echo` 或 `reset`
cli-stream-bad-target = “{ $value }”不是上传编号，也不是 `next`
cli-stream-empty-line = 空行
cli-stream-reject-needs-codes = reject 需要原因代码
cli-stream-bad-kind = 应为 approve、reject 或 escalate，而不是“{ $value }”
cli-queue-overdue-reviews = 审核超时
cli-queue-overdue-resubmissions = 重新上传超时
cli-queue-col-submission = 提交编号
cli-queue-col-state = 状态
cli-queue-col-student = 学生
cli-queue-col-attempt = 第几次
cli-queue-col-due = 截止
