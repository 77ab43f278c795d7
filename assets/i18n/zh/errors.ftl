# 数据库、服务器、账号与案件状态的错误。
# 每条一句话；路径、服务器或数据库放在最后；绝不显示密码。

## 原样显示的文字（系统或程序库自己的话）

plain = { $text }

## 数据库在哪里

store-not-found = 找不到数据库文件，或服务器上的数据库还没有本程序的表（可用 `idphoto-review demo --db …` 或 `user add` 新建）：{ $at }
store-not-ours = 这不是本程序的数据库（已损坏，或是其他程序的数据）：{ $at }
store-too-new = 数据库由更新版本的本程序写入（结构版本 { $found }，本版本只认识到 { $known }），请更新程序：{ $at }
store-target-not-empty = 目标数据库不是空的（表 { $table } 中已有数据），只能迁移到新建的空数据库：{ $at }
store-tool-failed = { $tool } 执行失败：{ $detail }
store-sqlite-only = { $what } 只能用于 SQLite 数据库；在 PostgreSQL 上请{ $instead }
sqlite-only-migrate = 用 pg_dump 和 pg_restore 在服务器之间复制
store-busy = 数据库正忙（另一台工作站正在写入），请重试
store-migration = 数据库升级失败：{ $detail }
store-corrupt = 存储的数据前后不一致：{ $detail }
store-target-exists = 文件已存在；请换一个名称，或加 --force 覆盖：{ $path }
store-in-use = 文件正被其他程序或工作站使用，请先关闭：{ $path }
store-schema-tampered = 备份中的表、索引或触发器与结构版本 { $version } 不符（{ $detail }），说明它曾在本程序之外被修改，因此不予恢复：{ $path }
store-damaged = 文件已损坏（完整性检查：{ $detail }），未做任何改动：{ $path }
store-io = 无法写入文件（{ $detail }）：{ $path }

## 数据库服务器

db-no-rows = 查询没有结果
db-constraint = 数据库拒绝了重复或无效的数据（{ $detail }）
db-conversion = 数据列的类型不符：{ $detail }
db-unreachable = 无法连接数据库服务器（{ $detail }）：{ $host }
db-refused = 无法连接数据库服务器（连接被拒绝：服务器是否在运行，地址和端口是否正确？）：{ $host }
db-timed-out = 无法连接数据库服务器（5 秒内没有响应，请检查网络）：{ $host }
db-auth-failed = 数据库服务器拒绝登录（用户名或密码错误）：{ $host }
db-no-password = 没有数据库服务器的密码：请写在网址、PGPASSWORD 或 ~/.pgpass 中：{ $host }
db-no-such-database = 数据库服务器上没有这个名称的数据库：{ $host }
db-login-not-permitted = 数据库服务器不允许此账号登录（{ $detail }）：{ $host }
db-refused-by-config = 数据库服务器的配置（pg_hba.conf）不允许此账号从这里登录（{ $detail }）：{ $host }
db-error = 数据库错误：{ $detail }

## 采集批次、学生、案件

store-unknown-campaign = 没有名为“{ $name }”的采集批次
store-duplicate-campaign = 名为“{ $name }”的采集批次已存在
store-unknown-submission = 没有编号为 { $id } 的上传
store-unknown-case = 没有编号为 { $id } 的案件
store-unknown-student = 采集批次“{ $campaign }”中没有证件号为 { $id_number } 的学生
store-collected-offline = 学生 { $id_number } 走线下采集（证件类型 { $doc_type }），不接受上传
store-not-current = 上传 { $submission } 已不是该案件的当前照片（学生上传了新照片）
store-already-decided = 上传 { $submission } 已审核过：案件状态为“{ $state }”
store-already-decided-by = 上传 { $submission } 已审核过：案件状态为“{ $state }”（{ $reviewer } 于 UTC { $at } 审核）
store-claimed = 案件 { $case } 正在另一台工作站（{ $by }）审核，在那边处理完之前会跳过它
store-print-changed = 案件 { $case } 已不再以打印的那张照片通过（其间被重新打开或重新审核），未做任何记录，请重新运行制作
store-already-printed = 案件 { $case } 其间已被另一次制作打印，未做任何记录，请重新运行制作（或填写原因后重印）
store-not-undoable = 无法撤销决定 { $decision }：{ $why }
undo-why-missing = 没有这个决定
undo-why-other-reviewer = 它是 { $reviewer } 做出的
undo-why-exported = 它已经导出
undo-why-later-decision = 该案件之后又有新的决定
undo-why-new-photo = 学生之后又上传了新照片
undo-why-moved-on = 该案件之后已有变化
store-invalid-decision = 决定无效：{ $why }
store-unknown-case-for = 证件号 { $id_number } 没有案件
store-ambiguous-case = 证件号 { $id_number } 在多个采集批次中都有案件，请改用案件编号
store-missing-reason = { $what }需要填写原因，以记入审计日志
reason-for-extension = 延期
reason-for-reopen = 重新打开案件
reason-for-reprint = 重印

case-state = { $state ->
    [pending_review] 待审核
    [escalated] 待主管复核
    [approved] 审核通过
    [rejected] 审核不通过
    [collection_failed] 采集不成功
   *[other] { $state }
}

transition-not-allowed = 案件状态为“{ $state }”，{ $action ->
    [approve] 不能通过
    [reject] 不能不通过
    [escalate] 不能提交主管
    [undo] 不能撤销决定
    [reopen] 不能重新打开
    [extend] 不能延期
    [reassign] 不能改派
    [makeup] 不能登记补拍
   *[other] 不能执行 { $action }
}
transition-due-not-future = 新的截止时间 { $due } 不在将来
transition-due-not-later = 延期必须把截止时间推迟到 { $current } 之后

## 账号与登录

store-login-failed = 用户名不存在或密码错误
store-sign-in-throttled = “{ $name }”登录失败次数过多，请等待 { $secs } 秒后再试（每失败一次，等待时间都会变长）
store-account-disabled = 账号“{ $name }”已停用，主管可以重新启用
store-unknown-user = 没有名为“{ $name }”的账号
store-duplicate-user = 名为“{ $name }”的账号已存在
store-sign-in-required = 已经有账号了：请以主管身份登录后再添加（新数据库的第一个账号无需登录，且必须是主管）
store-first-account-not-supervisor = 数据库的第一个账号必须是主管，由主管再添加审核员
store-last-supervisor = 不能停用“{ $name }”：它是最后一个启用的主管账号
store-password-hash = 无法计算密码摘要：{ $detail }
store-no-database-role = 账号“{ $name }”在此数据库服务器上还不能登录：请主管或数据库所有者重新设置它的密码（`user passwd`）
account-name-empty = 登录名为空
account-name-whitespace = 登录名“{ $name }”含有空格或控制字符
account-name-too-long = 登录名超过 { $max } 个字符
account-display-empty = 显示名为空
account-password-too-short = 密码少于 { $min } 个字符

forbidden = { $who } 无权{ $action }：仅限主管
action-decide = 审核照片
action-decide-escalated = 审核提交主管的案件
action-reopen = 重新打开案件
action-grant-extension = 批准延期
action-reassign = 改派案件
action-record-makeup-shoot = 登记补拍
action-export = 导出
action-produce = 制作打印照片
action-manage-users = 管理账号
action-view-queue = 查看待审队列
action-import-roster = 导入名单
action-create-campaign = 新建采集批次
action-record-upload = 登记上传
action-run-sweep = 运行超时处理
action-view-board = 查看截止看板
action-backup = 备份或恢复数据库
action-recheck = 重新运行自动检测

## 导出与制作

export-target-exists = 不会覆盖已有的导出，请换一个名称：{ $path }
export-bad-target = 导出需要一个文件或文件夹名，而不是根目录或 `..`：{ $path }
export-no-parent = 要写入的文件夹不存在：{ $path }
export-io = 无法写入导出（{ $why }），未导出任何内容：{ $path }
export-unsafe-id-number = 名单中的证件号无效，不能用作照片文件名，请修正该名单行：{ $id_number }
export-outside = 不会在导出文件夹之外写文件：{ $name }
export-duplicate-id-number = 证件号 { $id_number } 在多个采集批次中都已通过，请用 --campaign 只导出一个批次
export-hash-mismatch = { $id_number } 的照片与记录的 SHA-256 不符（数据库或磁盘已损坏），未导出任何内容
export-nothing-approved = 没有可导出的已通过照片
export-nothing-approved-in = “{ $campaign }”中没有可导出的已通过照片
export-bad-recipient = 这不是 age 公钥（应为 age-keygen 打印的 age1…）：{ $value }
export-encrypt = 加密失败：{ $why }
export-not-recorded = 导出已写出，但无法记录（{ $why }），因此已删除：{ $path }
produce-font = 内置字体无法读取或裁剪（程序文件已损坏）
produce-print-too-large = 该批次的打印尺寸放不进所选纸张，请选更小的尺寸或 A4
produce-bad-settings = 该批次的打印设置不可用：{ $why }
produce-unreadable-photo = { $id_number } 已通过的照片无法读取，不能打印
produce-hash-mismatch = { $id_number } 的照片与记录的 SHA-256 不符（数据库或磁盘已损坏），未打印任何内容
produce-no-students = 采集批次“{ $campaign }”的名单中没有学生
produce-no-students-in-batch = 采集批次“{ $campaign }”邮寄批次“{ $batch }”的名单中没有学生
produce-nothing-to-print = 没有新的可打印：{ $already } 张已通过的照片已打印，{ $waiting } 张尚未通过
produce-not-approved = 此批次中没有证件号为 { $id_number } 的已通过学生
produce-csv = 无法写入装袋清单：{ $why }
produce-not-recorded = 照片已写出，但无法记录（{ $why }），因此已删除：{ $path }

## 名单

import-row-errors = { $bad } 行有错误，未导入任何数据（请修正，或只导入 { $valid } 行有效数据并跳过其余）
roster-io = 无法读取名单文件（{ $why }）：{ $path }
roster-unsupported = 不支持的名单文件：{ $what }
roster-too-large = 名单文件超过 { $max_mb } MB，远大于任何名单，未读取即拒绝：{ $path }
roster-not-a-file = 名单不是普通文件（是文件夹、管道或设备）：{ $path }
roster-missing-columns = 名单缺少必需的列：{ $missing }；找到的列：{ $found_count ->
    [0] 无
   *[other] { $found }
}
roster-empty = 名单文件中没有学生行
roster-spreadsheet = 无法读取电子表格：{ $why }

## Decisions, ID numbers and reason codes
decision-reject-without-reason = 审核不通过至少需要一个原因
decision-other-without-note = 原因“其他”需要填写给学生的说明
decision-approve-with-reasons = 审核通过不能带有不通过原因
decision-no-reviewer = 审核员姓名为空
id-number-length = 证件号码应为 18 位，实际 { $found } 位
id-number-characters = 证件号码应为 17 位数字加一位数字或 X
id-number-birth-date = 证件号码第 7–14 位不是有效的出生日期（{ $date }）
id-number-checksum = 证件号码校验位不符：最后一位应为 { $expected }，实际为 { $found }
reason-unknown = 未知的不通过原因代码“{ $code }”

## Reading uploads (ingest)
upload-symlink = 是符号链接；只导入普通文件，请复制文件本身
upload-not-regular = 不是普通文件（文件夹、管道或设备）；只导入普通文件
upload-empty = 文件为空
upload-too-large = 大于 { $mb } MB，未读取即拒绝
upload-changed = 读取期间文件被替换，请重新导入该文件夹
upload-io = 无法读取文件：{ $why }
ingest-not-photo-name = 不是照片文件名（应为 <证件号码>.jpg）
ingest-name-not-id = 文件名不是证件号码：{ $why }
ingest-row-unreadable = 无法读取的行：{ $why }
ingest-row-bad-id = 证件号码“{ $id }”有误：{ $why }
ingest-row-bad-file = 文件“{ $file }”必须是该文件夹内的普通文件名
ingest-row-bad-time = submitted_at“{ $time }”不是时间（请用 2022-03-25 14:30:00 或 RFC 3339 格式）
ingest-recorded-unreadable = 已记录，但不是可读取的照片：{ $why }
ingest-recorded-too-late = 仅记录：已超过重新上传截止时间，采集不成功
ingest-recorded-after-approval = 仅记录：该案件已审核通过，不作改变

## Roster rows
roster-problem = 第 { $line } 行：{ $text }
roster-problem-in-column = 第 { $line } 行（{ $column }）：{ $text }
roster-title-skipped = 第 { $line } 行以上视为标题，已跳过。
roster-repeated-header = 重复的表头行已跳过。
roster-columns-unknown = 以下列无法识别，已忽略：{ $columns }。
roster-columns-repeated = 以下列与前面的列重复，已忽略：{ $columns }。
roster-cell-too-long = 该值有 { $chars } 个字符，最多允许 { $max } 个。
roster-duplicate-id = 证件号码重复：同一号码已在第 { $first } 行出现。
roster-name-missing = 缺少姓名。
roster-name-formula = 姓名看起来像电子表格公式（以 =、+、- 或 @ 开头）。
roster-name-too-long = 姓名有 { $chars } 个字符，最多允许 { $max } 个。
roster-name-undecodable = 姓名含有无法解码的字符，请检查文件编码。
roster-name-control = 姓名含有换行或其他控制字符。
roster-id-missing = 缺少证件号码。
roster-id-lost-digits = 证件号码在 Excel 中被存为数字，丢失了末尾几位；请把该列设为文本格式后重新输入号码。
roster-id-old-number = 证件号码只有 15 位，是旧号码；请使用 18 位号码。
# An ID number that did not parse (`id-number-…`), as a sentence of its own.
roster-id-invalid = { $why }。
roster-sex-unknown = 性别值“{ $value }”无法识别（应为 男/女 或 M/F）。
roster-sex-mismatch = 性别列为“{ $value }”，但证件号码显示为 { $sex }；以证件号码为准。
sex = { $sex ->
    [male] 男
    [female] 女
   *[other] { $sex }
}
roster-already-on-roster = 证件号码 { $id } 已在本采集批次的名单中。

message-unknown = （本版本不认识的消息：{ $id }）

## The demo database
demo-not-empty = 数据库中已有账号或采集批次；演示数据只能建在新的空数据库中（演示账号的密码是公开的）
demo-photo-failed = 无法准备演示照片：{ $error }
demo-variant-decode = 无法解码基础照片：{ $error }
demo-variant-encode = 无法编码演示照片：{ $error }
demo-variant-face = 无法在人脸上做修改：{ $why }
demo-variant-no-cheeks = 找不到两颊的位置
demo-variant-no-eyes = 找不到眼睛的位置
