# The words of the files the studio hands out: print sheets, packing lists, and the
# README beside a sealed CHSI package.

## Print sheets and packing lists
doc-sheets = 相片打印页
doc-packing-list = 装袋清单
doc-campaign = 采集批次
doc-school = 学校/学院
doc-batch = 邮寄批次
doc-no-batch = 未分批
doc-made-at = 制作时间
doc-made-by = 制作人
doc-roster = 名单人数
doc-in-envelope = 本袋装入
doc-not-in-envelope = 未装入本袋
doc-programme = 专业
doc-name = 姓名
doc-student-no = 学号
doc-id-masked = 证件号（部分隐藏）
doc-contents = 袋内物品
doc-status = 状态
doc-detail = 说明
doc-copies = 张
doc-withdraw = 已打印的相片不再有效，请从信封中取出
doc-reprint = 重印

## A roster student's status on the packing list
doc-standing-in-envelope = 装入本袋
doc-standing-printed-earlier = 已随前次寄出
doc-standing-approved-not-printed = 已通过，待打印
doc-standing-awaiting-review = 待审核
doc-standing-rejected-waiting = 审核不通过，等待重新上传
doc-standing-failed-makeup = 采集不成功，已约补拍
doc-standing-failed-no-makeup = 采集不成功，未约补拍
doc-standing-collected-offline = 线下采集（护照/港澳台通行证）
doc-standing-no-upload = 尚未上传
doc-detail-new-photo-due = 重新上传截止 { $at }
doc-detail-makeup = 补拍 { $at }
doc-detail-printed = 打印于 { $at }

## Beside a sealed CHSI package (README.txt; the file holds both languages)
doc-sealed-readme =
    本文件夹中的 chsi.tar.age 已用 age 加密，只有持有对应私钥的人可以打开。
    解密 (需要 age 1.x: https://age-encryption.org):
        age -d -i key.txt -o chsi.tar chsi.tar.age
        tar -xf chsi.tar
    解包后得到以身份证号命名的照片 <身份证号>.jpg 和 manifest.csv (每张照片的 SHA-256)。
