# The automatic checks' findings (src/checks/): what each check measured, with its
# numbers as arguments. Stored results keep the message id and arguments, not the text.

## Shared
check-not-assessed = 未评估：{ $why }
check-stored-finding = { $verdict ->
        [pass] 通过
        [warn] 注意
        [fail] 不合格
       *[error] 未评估
    }：测得 { $value }，要求 { $threshold }（旧版本保存的结果，重新检查可见详情）
check-stored-finding-no-value = { $verdict ->
        [pass] 通过
        [warn] 注意
        [fail] 不合格
       *[error] 未评估
    }：要求 { $threshold }（旧版本保存的结果，重新检查可见详情）
check-why-not-decoded = 照片无法解码
check-why-no-face = 未检测到人脸
check-why-no-face-detected = 未检测到人脸
check-why-no-mesh = 面部关键点不可用
check-why-no-iris = 虹膜关键点不可用
check-why-eyes-shut = 眼睛未睁开，无法判断视线
check-why-eye-region-outside = 眼周区域超出照片
check-why-face-models-failed = 人脸模型无法运行：{ $error }
check-why-segmentation-failed = 人像分割模型无法运行：{ $error }

## file.decode and why a file does not decode
check-decode-failed = 无法解码：{ $error }
check-decode-read-failed = 无法读取文件：{ $why }
check-decode-what = { $format } { $width }×{ $height }，{ $channels }，{ $depth } 位
check-channels-grey = 灰度
check-channels-colour = 彩色
check-channels-cmyk = CMYK
check-channels-other = { $n } 个通道
check-orientation-2 = 左右镜像
check-orientation-3 = 旋转 180°
check-orientation-4 = 上下镜像
check-orientation-5 = 镜像并旋转 90°（转置）
check-orientation-6 = 顺时针旋转 90°
check-orientation-7 = 镜像并旋转 90°（反转置）
check-orientation-8 = 逆时针旋转 90°
check-orientation-invalid = 无效的方向值 { $value }
check-decode-turned = 已解码 { $what }，但 EXIF 方向标记为 { $orientation }（查看器会{ $turn }显示）：学生手机上看到的是变换后的照片，学信网与本界面使用原始像素
check-decode-ok = 解码成功：{ $what }
check-decode-error-empty = 文件为空（0 字节）
check-decode-error-unknown-format = 不是图片：文件内容不属于任何已知图片格式
check-decode-error-unsupported = 不支持 { $format } 格式{ $hint }，照片须为 JPEG
check-format-hint-heic = （苹果手机“高效”格式）
check-format-hint-webp = （常见于网页或聊天软件保存的图片）
check-format-hint-avif = （新式网页图片格式）
check-decode-error-too-large = { $format } 文件头声明的尺寸为 { $width }×{ $height } 像素，超过 { $max }×{ $max } 上限，未解码即拒绝（解压炸弹或文件头损坏）
check-decode-error-truncated = { $format } 文件不完整：文件在 { $bytes } 字节处结束，图像数据缺失（上传或复制未完成）
check-decode-error-bad-header = { $format } 文件头损坏：{ $detail }
check-decode-error-cmyk = CMYK 格式的 JPEG（4 个颜色通道，印刷色彩空间）无法解码：{ $detail }
check-decode-error-too-much-memory = 解码此 { $format } 文件所需内存超过 { $mb } MB 上限：{ $detail }
check-decode-error-corrupt = { $format } 数据损坏，无法解码：{ $detail }

## file.format
check-format-not-jpeg = 文件实际为 { $format } 格式（{ $depth } 位），不是 JPEG（按文件内容识别，与文件名无关）
check-format-cmyk = CMYK 格式的 JPEG（4 个颜色通道，印刷色彩空间），不是 24 位 RGB 彩色
check-format-depth = { $depth } 位 JPEG，须为 8 位
check-format-ok = JPEG，8 位
check-format-not-an-image = 文件不是图片格式，不是 JPEG
check-format-not-jpeg-undecoded = 文件实际为 { $format } 格式，不是 JPEG（按文件内容识别，与文件名无关）

## file.dimensions
check-dimensions-turned = （EXIF 方向 { $orientation }：手机上显示为 { $shown }）
check-dimensions-ok = { $width }×{ $height } 像素{ $note }
check-dimensions-wrong = 尺寸为 { $width }×{ $height } 像素，须为 { $required }{ $note }

## file.colour
check-colour-greyscale-file = 灰度文件（1 个通道），不是 24 位彩色照片
check-colour-all-grey = 彩色文件，但所有像素都是灰色（色差 { $spread } ≤ { $max }）：是黑白照片
check-colour-mostly-grey = 彩色文件，但只有 { $share } % 的像素带有颜色（要求 ≥ { $min } %）：是黑白或单色调照片
check-colour-ok = 彩色（色差 { $spread }，{ $share } % 的像素带有颜色）

## file.size
check-size-ok = 文件大小 { $kb } KB
check-size-small = 文件只有 { $kb } KB（应为 { $min } KB 以上）：可能压缩过度
check-size-large = 文件有 { $kb } KB（应不超过 { $max } KB）：未按要求压缩

## file.jpeg_quality
check-why-not-jpeg = 文件是 { $format }，不是 JPEG
check-why-no-quantisation-tables = JPEG 中没有量化表
check-quality-low = JPEG 质量约为 { $quality }，低于 { $min }：压缩过度
check-quality-ok = JPEG 质量约为 { $quality }

## file.edited
check-edited-none = EXIF 中未记录修图软件
check-edited-retouch = EXIF 软件字段为“{ $software }”，是美颜/修图软件（{ $app }）
check-edited-other = EXIF 软件字段为“{ $software }”，不是已知的修图软件

## face.count, face.size, face.position, face.roll, face.yaw, face.mouth_closed
check-face-count-none = 未检测到人脸（应恰好 1 张）
check-face-count-one = 检测到 1 张人脸
check-face-count-many = 检测到 { $count } 张人脸（应恰好 1 张）
check-face-size = 脸宽 { $width } px{ $how }，要求 { $threshold }
check-face-size-estimated = （按检测框估计）
check-face-position = { $top }，眼线 { $eye } px，脸中心偏离中线 { $offset } px；要求头顶 { $top_range }，眼线 { $eye_range }，偏离 ≤ { $tolerance } px
check-face-head-top = 头顶 { $y } px
check-face-head-top-estimated = 头顶约 { $high }–{ $low } px（由面部估计）
check-face-head-top-unknown = 头顶未评估
check-face-roll = 眼线倾斜 { $roll }°，注意 > { $warn }°，不合格 > { $fail }°
check-face-yaw = 头部左右转动约 { $yaw }°，注意 > { $warn }°，不合格 > { $fail }°
check-face-mouth = 双唇间隙/嘴宽 { $ratio }，要求 { $threshold }
check-face-mouth-lips-closed = 面部网格测得双唇间隙/嘴宽 { $ratio }，但唇间只见嘴唇（牙齿 { $teeth }%，口腔 { $dark }%）：双唇闭合
check-face-mouth-teeth = 双唇间隙/嘴宽 { $ratio }，牙齿占嘴部 { $teeth }%：双唇未闭合

## face.eyes_open, face.gaze
check-eyes-open = 睁眼程度（虹膜处眼睑间距/虹膜直径）：右眼 { $right }，左眼 { $left }；要求 ≥ { $fail }，低于 { $warn } 提示
check-eyes-open-mesh = 睁眼程度（面部网格，虹膜模型不可用；眼睑开度/眼宽）：右眼 { $right }，左眼 { $left }，要求 ≥ { $min }
check-gaze = 虹膜偏离眼裂中心：水平 { $horizontal }（{ $side }），垂直 { $vertical } 眼宽；注意 > { $warn }，不合格 > { $fail }
check-gaze-turned = 视线偏离镜头（已计入头部转动 { $yaw }°，折算为正脸的虹膜偏移）：水平 { $horizontal }（{ $side }），垂直 { $vertical } 眼宽；注意 > { $warn }，不合格 > { $fail }
check-gaze-right = 偏向画面右侧
check-gaze-left = 偏向画面左侧

## accessory.glasses, hair.covering
check-glasses-measured = 镜框线索 { $score }× 皮肤纹理（阈值 { $min }×，或两处各 { $pair }×；鼻梁 / 下框 / 外框 { $sites }），镜片区亮度 { $lens }× 脸颊，反光 { $glare } %
check-glasses-none = 未见眼镜：{ $measured }
check-glasses-allowed = 可能佩戴眼镜（本次采集允许，未见染色或反光，请确认）：{ $measured }
check-glasses-likely = 可能佩戴眼镜（{ $what }）：{ $measured }
check-glasses-tinted-reflecting = 镜片染色且反光
check-glasses-tinted = 镜片染色
check-glasses-reflecting = 镜片反光
check-glasses-not-allowed = 本次采集不允许
check-hair-clear = 眉毛和耳朵未见头发遮挡：眉毛上方非皮肤占 { $percent } %，{ $ears }（要求眉毛 ≤ { $brow_max } %，耳朵 ≤ { $ear_max } %）
check-hair-covers = 头发可能遮挡眉毛：眉毛上方 { $percent } % 为头发，{ $ears }（要求眉毛 ≤ { $brow_max } %，耳朵 ≤ { $ear_max } %）
check-hair-covers-ears = 头发可能遮挡耳朵：{ $ears }，眉毛上方非皮肤占 { $percent } %（要求眉毛 ≤ { $brow_max } %，耳朵 ≤ { $ear_max } %）
check-hair-covers-both = 头发可能遮挡眉毛和耳朵：眉毛上方 { $percent } % 为头发，{ $ears }（要求眉毛 ≤ { $brow_max } %，耳朵 ≤ { $ear_max } %）
check-hair-ears-measured = 耳旁 { $percent } % 为头发
check-hair-ears-like-skin = 耳朵未判断（发色与肤色过近）
check-hair-ears-unjudged = 耳朵未判断（无头部轮廓）

## pose.shoulders
check-why-no-shoulders = 未找到双肩轮廓
check-shoulders-level = 双肩水平：倾斜 { $tilt }°，高度差 { $diff } px（要求 { $threshold }）
check-shoulders-uneven = 双肩不平：{ $lower }肩膀较低，倾斜 { $tilt }°，高度差 { $diff } px（要求 { $threshold }）
check-shoulders-image-left = 图像左侧
check-shoulders-image-right = 图像右侧

## exposure.brightness, exposure.colour_cast, exposure.uneven
check-why-too-little-skin = 面部皮肤区域过小
check-why-face-clipped = 面部高光过曝，肤色无法判断
check-brightness-highlights = 背景非允许色，画面高光 { $ev } EV（仅判不足一档以上）
check-brightness-backdrop = 背景曝光 { $ev } EV{ $clipped }，画面高光 { $highlights } EV
check-brightness-backdrop-clipped = ，背景过曝
check-brightness-facts = 面部 Y′ 中位 { $median }，暗部截断 { $crushed } %，高光截断 { $clipped } %，{ $backdrop }
check-brightness-threshold = Y′ ≤ { $crushed_luma }：≤ { $crushed } %，Y′ ≥ { $clipped_luma }：≤ { $clipped } %，背景 ±{ $ev } EV
check-brightness-too-bright = 面部过亮（过曝）：{ $facts }（要求 { $threshold }）
check-brightness-too-dark = 面部过暗（欠曝）：{ $facts }（要求 { $threshold }）
check-brightness-ok = 曝光正常：{ $facts }（要求 { $threshold }）
check-cast = 肤色{ $what }：a* { $a }，b* { $b }，C*/L* { $chroma }（要求 { $threshold }）
check-cast-reddish = 偏红
check-cast-greenish = 偏绿
check-cast-yellowish = 偏黄
check-cast-bluish = 偏蓝
check-cast-rich = 色彩过浓（可能偏色）
check-cast-natural = 自然
check-why-half-face-black = 面部一侧全黑，无法比较
check-uneven-even = 面部光照均匀：左右相差 { $ev } EV（L* 差 { $dl }；要求 { $threshold }）
check-uneven-uneven = 面部光照不均：图像{ $darker }偏暗 { $ev } EV（L* 差 { $dl }；要求 { $threshold }）
check-uneven-left = 左侧
check-uneven-right = 右侧

## background.colour, background.uniformity, background.shadow, background.objects
check-why-too-little-background = 可见背景过少
check-why-no-allowed-colours = 未设置允许的背景色
check-why-no-person = 未找到人像
check-why-no-backdrop = 背景不是单一底色，无法判断阴影
check-background-colour-ok = 背景颜色符合：与 { $target } 相差 ΔE00 { $de }（{ $lab }；要求 { $threshold }）
check-background-colour-off = 背景颜色不符：与最接近的允许色 { $target } 相差 ΔE00 { $de }（{ $lab }；要求 { $threshold }）
check-background-even = 背景均匀：渐变 ΔE00 { $gradient }，离散 { $spread }（要求 { $threshold }）
check-background-uneven = 背景不均匀：渐变 ΔE00 { $gradient }，离散 { $spread }（要求 { $threshold }）
check-shadow-none = 人像周围无明显阴影：轮廓旁背景变暗 L* { $drop }（要求 { $threshold }）
check-shadow-found = 人像旁背景有阴影：轮廓旁背景变暗 L* { $drop }（要求 { $threshold }）
check-objects-none = 背景无杂物：异物占背景 { $percent } %（要求 { $threshold }）
check-objects-found = 背景有杂物：{ $count } 处，占背景 { $percent } %（要求 { $threshold }）

## clothing.contrast, clothing.blue, clothing.pattern
check-why-no-clothing = 未找到衣服区域
check-contrast-ok = 衣服与背景区分明显：ΔE00 { $de }（要求 { $threshold }）
check-contrast-low = 衣服颜色与背景相近：ΔE00 { $de }（要求 { $threshold }）
check-blue-no = 衣服非蓝色：蓝色占 { $percent } %（要求 { $threshold }）
check-blue-yes = 衣服为蓝色，易与蓝色背景混淆：蓝色占 { $percent } %（要求 { $threshold }）
check-pattern-plain = 衣服无明显花纹：细节能量 { $energy }（要求 { $threshold }）
check-pattern-found = 衣服有条纹或花纹：细节能量 { $energy }（要求 { $threshold }）

## sharpness.face, retouch.smoothing
check-why-face-too-small = 面部区域过小
check-why-face-blurred = 面部模糊，无法区分磨皮与失焦
check-sharpness-ok = 面部清晰：清晰度 { $sharpness }，细节 { $detail }（要求清晰度 ≥ { $min }，细节 ≥ { $fail }，低于 { $warn } 提示）
check-sharpness-blurry = 面部模糊：清晰度 { $sharpness }，细节 { $detail }（要求清晰度 ≥ { $min }，细节 ≥ { $fail }，低于 { $warn } 提示）
check-sharpness-soft = 面部细节不足，像是由小图放大或经过模糊：细节 { $detail }，清晰度 { $sharpness }（要求细节 ≥ { $fail }，低于 { $warn } 提示；清晰度 ≥ { $min }）
check-smoothing-natural = 皮肤纹理自然：纹理 { $texture }（要求 { $threshold }）
check-smoothing-smoothed = 皮肤纹理缺失，可能经过磨皮：纹理 { $texture }（要求 { $threshold }）
check-why-no-check-yet = 尚无自动检测，请人工判断
check-why-unreadable = 无法读取文件

## Verdicts, as the check list and the queue filter name them
verdict-pass = 通过
verdict-warn = 注意
verdict-fail = 不合格
verdict-error = 未评估

## Labels of the guides drawn over the photo (stored as these ids)
overlay-head-top = 头顶
overlay-head-top-estimated = 头顶（估计）
overlay-eye-line = 眼线
overlay-centre = 中线

## Why a model could not load or run (shown inside check-why-face-models-failed and
## check-why-segmentation-failed; $error is the model runtime's own words)
model-face-load = 无法加载 { $model } 模型：{ $error }
model-face-failed = { $model } 模型运行失败：{ $error }
model-person-load = 无法加载人像分割模型：{ $error }
model-person-failed = 人像分割模型运行失败：{ $error }
model-empty-image = 图像为空（{ $width }×{ $height }）
