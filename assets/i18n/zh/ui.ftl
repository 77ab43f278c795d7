# 审核窗口中带错误或数字的句子。

ui-save-failed = 保存失败，决定未丢失，请重试（{ $why }）
ui-save-not-sent = 保存失败，决定未丢失，请重试
ui-worker-failed = 无法启动后台线程：{ $why }
ui-worker-stopped = 后台线程已停止，请重新打开数据库（文件 → 打开）
ui-thread-failed = 无法启动后台线程：{ $why }
ui-job-stopped = 任务意外中止
ui-no-campaign = 此数据库还没有采集批次，请用 `import-roster --school --window` 新建
ui-several-campaigns = 此数据库有多个采集批次：请先打开该批次的一张照片
ui-cannot-read-folder = 无法读取文件夹（{ $why }）：{ $path }
