## 公共片段
list-separator = 、
list-and = { $rest } 和 { $last }
list-or = { $rest } 或 { $last }
verbatim = { $text }

## 语法（E001–E007）：解析器期望的内容
expected-a-space = 空格
expected-a-comment = 注释
expected-a-byte-order-mark = 字节顺序标记（BOM）
expected-a-crmflow-file = .crmflow 文件
expected-the-end-of-the-line = 行尾
expected-declaration = 声明（`flow`、`lane`、`module` 或节点类型）或一条连线
expected-a-reserved-word = 保留字
expected-an-identifier = 标识符
expected-a-node-id = 节点 id
expected-a-lane-id = 泳道 id
expected-a-module-id = 模块 id
expected-a-phase-id = 阶段 id
expected-an-attribute = 属性
expected-a-word = 单词
expected-an-attribute-keyword = 属性关键字
expected-a-quoted-text = 带引号的文本
expected-text = 文本
expected-a-date = 日期（YYYY-MM-DD）
expected-a-value = 值
expected-a-flow-header = `flow` 头部
expected-a-header-block = 头部块 `{"{"} … {"}"}`
expected-header-field = 头部字段（`goal`、`owner`、`version`、`reviewed`、`direction`）
expected-a-lane-declaration = 泳道声明
expected-a-lane-block = 泳道块 `{"{"} … {"}"}`
expected-a-module-declaration = 模块声明
expected-a-module-block = 模块块 `{"{"} … {"}"}`
expected-a-phase-declaration = 阶段声明
expected-a-phase-block = 阶段块 `{"{"} … {"}"}`
expected-a-node-declaration = 节点声明
expected-node-kind = 节点类型（`start`、`end`、`step`、`decision`、`io`、`store`、`doc`、`sub`）
expected-a-node-block = 节点块 `{"{"} … {"}"}`
expected-a-node-attribute = 节点属性
expected-an-edge = 连线
expected-arrow = 箭头（`->` 或 `..>`）
expected-colon-label = `:` 和标签
expected-a-label = 标签
expected-the-end-of-the-file = 文件末尾
found-reserved-word = 保留字 `{ $word }`
unexpected = 意外的{ $found }
expected-found = 此处应为{ $expected }，实际是{ $found }
reserved-word = `{ $word }` 是保留字，不能用作 id
reserved-word-help = 声明关键字（{ $words }）是保留的；请换一个 id，例如 `{ $word }_1`
stray-close-brace = 这个 `{"}"}` 没有对应的块
stray-close-brace-help = 删除它，或检查它要关闭的 `{"{"}` 是否在你想要的位置
curly-quote = `{ $quote }` 是排版引号；文本要用直引号 `"…"`
curly-quote-help = 文字处理软件和部分输入法会把 `"` 换成弯引号；请输入 "标签"，或在编辑器中关闭智能引号
wrong-arrow = `{ $wrong }` 不是箭头；你是想写 `{ $right }` 吗？
wrong-arrow-help = 控制流写作 `a -> b`，数据流（读写数据库或文档）写作 `a ..> b`
color-here = `{ $word }` 不能写在这里
color-here-help = 颜色属于模块：先声明 `module sales "销售" color green`，再用 `module sales` 把节点放进模块
label-without-colon = 连线的标签要写在冒号之后
label-without-colon-help = 写作 `{ $edge } : "…"`
fullwidth-colon = `：` 是全角冒号；连线的标签要写在半角冒号 `:` 之后
fullwidth-colon-help = 中文输入法会输入 `：`；请写作 `{ $edge } : { $label }`
edge-ends-with-arrow = 连线以 `{ $arrow }` 结尾：箭头后面没有节点
edge-ends-with-arrow-help = 连线连接两个节点：`a -> b`；写上下一个节点，或删除这个箭头
unclosed-block = 这个 `{"{"}` 没有闭合
unclosed-block-at-end = 到文件末尾仍在块内
unclosed-block-at-declaration = 这个声明仍在块内
unclosed-block-help = 在块的最后一个属性或节点之后另起一行，用 `{"}"}` 闭合
misspelled-declaration = 每行以声明关键字或节点 id 开头；你是想写 `{ $keyword }` 吗？
line-is-an-edge = 以 id 开头的行是一条连线：`a -> b`；要声明节点，请以节点类型开头：`step a "…"`
one-declaration-per-line = 每行一个声明；属性有 `lane ID`、`module ID`、`input "…"`、`output "…"`、`note "…"`、`calls "…"`
did-you-mean = 你是想写 `{ $found }` 吗？

## 语法：字符串、标签、属性
syntax-unterminated-string-closing-missing = 字符串没有结束：缺少右引号 `"`
syntax-text-too-long = 这段文字有 { $chars } 个字符，上限是 { $limit }
syntax-text-too-long-help = 标签应一眼读完：请缩短，把细节写进 `note` 或 SOP，或提高上限：CRMFLOW_LIMITS=text-chars={ $chars }
syntax-end-text-with-on-same = 在同一行用 `"` 结束文本；文本中的引号写作 `\"`，换行写作 `\n`
syntax-unknown-escape-written-string = 字符串中有未知的转义 `{ $written }`
syntax-escapes-are-quote-backslash-and = 可用的转义有 `\"`（引号）、`\\`（反斜杠）和 `\n`（换行）
syntax-must-followed-by-quoted-label = `:` 后面必须是带引号的标签
syntax-write-label-after-colon-e = 在冒号后写标签，例如 `intent -> won : "是"`，或删除 `:`
syntax-edge-labels-must-quoted = 连线标签必须加引号
syntax-write = 写作 `: "{ $text }"`
syntax-name-must-followed-by-expected = `{ $name }` 后面必须是{ $expected }
syntax-name-attribute-not = `{ $name }` 是{ $place }的属性，不是{ $place2 }的属性
syntax-unknown-attribute-name = { $place }中有未知属性 `{ $name }`

## 名称、头部、上限、文件、字体、导出
model-lane-unknown-lane-wanted = --lane：未知泳道 `{ $wanted }`
model-what-declared-twice = { $what ->
        [lane] 泳道
        [module] 模块
        [phase] 阶段
       *[other] 节点
    } `{ $value }` 声明了两次
model-first-declared-here = 首次声明在这里
model-give-each-what-own-id = 每个{ $what ->
        [lane] 泳道
        [module] 模块
        [phase] 阶段
       *[other] 节点
    }使用自己的 id
model-declare-at-least-one-node = 至少声明一个节点，例如
    {"  "}start enter "客户来电"
    {"  "}end done "已解决"
    {"  "}enter -> done
model-file-has-one-flow-header = 一个文件只有一个 `flow` 头部
model-header-here = 头部在这里
model-merge-fields-into-first-flow = 把这些字段合并到第一个 `flow` 块中
model-name-given-twice = `{ $name }` 写了两次
model-first-given-here = 首次出现在这里
model-invalid-date-problem = 无效日期 `{ $text }`：{ $problem }
model-write-date-as-yyyy-mm = 日期写作 YYYY-MM-DD，例如 `reviewed 2026-09-30`
model-unknown-page-other-expected-slide = 未知页面 `{ $other }`：应为 `slide`、`a4` 或 `none`
model-unknown-direction-other-expected-right = 未知方向 `{ $other }`：应为 `right` 或 `down`
model-what-has-two-colors = { $what ->
        [phase] 阶段
       *[other] 模块
    } `{ $decl }` 有两个颜色
model-first-color = 第一个颜色
model-unknown-color = 未知颜色 `{ $word }`
model-not-color = `"{ $text }"` 不是颜色
model-node-inside-block-lane-but = 节点 `{ $id }` 位于泳道 `{ $block }` 的块内，却写了泳道 `{ $value }`
model-enclosing-lane-block = 所在的泳道块
model-move-node-out-block-or = 把节点移出 `{ $block }` 块，或删除 `lane { $value }`
model-unknown-lane = 未知泳道 `{ $value }`
model-unknown-module = 未知模块 `{ $value }`
model-unknown-phase = 未知阶段 `{ $value }`
model-node-inside-block-phase-but = 节点 `{ $id }` 位于阶段 `{ $block }` 的块内，却写了阶段 `{ $value }`
model-enclosing-phase-block = 所在的阶段块
model-move-node-out-phase-block-or = 把节点移出 `{ $block }` 块，或删除 `phase { $value }`
model-nested-block-names-declared = 嵌在{ $what ->
        [lane] 阶段块中的泳道块
       *[other] 泳道块中的阶段块
    }只引用顶层声明的{ $what ->
        [lane] 泳道
       *[other] 阶段
    } `{ $id }`，不能在这里写名称或颜色
model-nested-block-label-help = 把名称和颜色写在顶层的声明上：`{ $what } { $id } "…"`
model-block-inside-same-kind = { $what ->
        [lane] 泳道
       *[other] 阶段
    }块 `{ $inner }` 嵌在同类的块 `{ $outer }` 中
model-enclosing-block = 外层的块
model-block-inside-same-kind-help = 一个节点只属于一个{ $what ->
        [lane] 泳道
       *[other] 阶段
    }：把这个块移出外层的块
model-calls-only-for-sub-nodes = `calls` 只能用于 `sub` 节点，而 `{ $id }` 是 `{ $keyword }`
model-declared-here = 声明在这里
model-declare-as-sub-draw-as = 把它声明为 `sub { $id } …`，画成子流程
model-node-node-has-attr-twice = 节点 `{ $node }` 有两个 `{ $attr }`
model-node-has-at-most-one = 一个节点最多有一个 `{ $attr }`
model-unknown-node = 未知节点 `{ $value }`
model-drawing-needs-edge-segments-one = 绘图需要 { $segments } 段连线（连线每跨一列算一段），超过上限 { $limit }；仅这条连线就跨了 { $longest-segments } 列
model-flow-too-densely-connected-draw = 流程的连线过于密集，无法清晰绘制：请拆分为子流程（`sub … calls "part.crmflow"`），或提高上限：CRMFLOW_LIMITS=segments={ $segments }
model-flow-has-count-what-more = 流程有 { $count } 个{ $what ->
        [nodes] 节点
        [edges] 连线
        [lanes] 泳道
       *[other] { $what }
    }，超过上限 { $limit }
model-split-into-sub-flows-sub = 请拆分为子流程（`sub … calls "part.crmflow"`），或提高上限：CRMFLOW_LIMITS={ $name }={ $count }
model-file-not-valid-utf-8 = 文件不是有效的 UTF-8 文本
model-save-file-as-utf-8 = 请把文件另存为 UTF-8（所有编辑器都提供这种编码）；这是 .crmflow 文件吗？
model-font-has-no-glyph-for = 字体 { $family } 没有{ $what }中 { $list } 的字形；PNG 和 PDF 中会缺失这些字符
model-use-more-common-character-or = 换用更常见的字符，或用 `--font PATH` 指定包含这些字符的字体（例如完整的 Noto Sans CJK SC）
model-file-name-nests-and-more = `{ $file }` 中 `[` 和 `{"{"}` 嵌套超过 { $depth } 层
model-crmflow-yaml-needs-two-or = crmflow.yaml 只需要两到三层；这是正确的文件吗？
model-file-name-not-valid-yaml = `{ $file }` 不是有效的 YAML：{ $message }
model-file-name-must-mapping-with = `{ $file }` 必须是包含 `lint` 和 `render` 部分的映射
model-cannot-read-err = 无法读取 `{ $path }`：{ $err }
model-mermaid-cannot-show-header-s = Mermaid 无法显示头部的 { $names }；已保留为 `%%` 注释
model-mermaid-cannot-show-phases = Mermaid 没有阶段列；每个阶段保留为列出其节点的 `%%` 注释
model-mermaid-link-not-relative = Mermaid 中不为 `{ $target }` 生成链接：只链接相对路径
model-svg-png-or-pdf-shows = SVG、PNG 或 PDF 会在标题栏中显示它们
model-name-too = `{ $name }` 也是
model-bpmn-has-no-on-sequence = BPMN 的顺序流上没有 { $keyword }；`{ $id }` 导出为任务
model-connect-with-data-edges-keep = 用 `..>` 数据连线连接它，在 BPMN 中就能保持为数据形状
model-bpmn-has-no-data-association = BPMN 在这里没有数据关联（数据关联连接任务或事件与数据存储或数据对象）；这条数据连线未导出
model-bpmn-data-flows-between-task = 在 BPMN 中，数据在任务与数据存储或数据对象之间流动
model-this-document-more-than-file = 该文档超过文件大小上限 { $limit }，未检查
model-raise-file-size-crmflow-limits = 在 CRMFLOW_LIMITS 或 crmflow.yaml 的 `limits:` 中提高 `file-size`

## crmflow.yaml（E200）
config-project-takes-one-key-root = `project` 只有一个键 `root`：一个文件夹路径
config-for-example-project-root-calls = 例如 `project: {"{"} root: .. {"}"}`：`calls` 可以引用它下面的文件
config-unknown-section-name-file-name = `{ $file }` 中有未知的部分 `{ $name }`
config-sections-are-lint-render-and = 可用的部分有 `lint`、`render` 和 `project`
config-render-must-mapping = `render` 必须是映射
config-unknown-theme = 未知主题
config-use = 请使用 { $theme-names }
config-unknown-lane-order = 未知的泳道顺序
config-use-declared-or-auto = 请使用 `declared` 或 `auto`
config-scale-must-number-above-0 = `scale` 必须是大于 0、不超过 16 的数
config-font-must-path = `font` 必须是路径
config-unknown-page = 未知页面
config-use-slide-default-a4-or = 请使用 `slide`（默认）、`a4` 或 `none`
config-unknown-key-key-render = `render` 中有未知的键 `{ $key }`
config-render-takes-theme-lane-order = `render` 可用的键有 `theme`、`lane-order`、`scale`、`font` 和 `page`
config-lint-must-mapping-with-preset = `lint` 必须是包含 `preset` 和 `rules` 的映射
config-unknown-preset = 未知预设 { $value }
config-use-recommended-or-strict = 请使用 `recommended` 或 `strict`
config-unknown-key-key-lint = `lint` 中有未知的键 `{ $key }`
config-lint-takes-preset-and-rules = `lint` 可用的键有 `preset` 和 `rules`
config-rules-must-map-rule-names = `rules` 必须把规则名映射到级别或选项
config-unknown-rule-name = 未知规则 `{ $name }`
config-crmflow-check-explain-lists-rules = `crmflow check --explain` 会列出所有规则
config-takes-only-severity = 它只接受 `severity`
config-takes = 它接受 { $and }
config-rule-has-no-option-option = 规则 `{ $name }` 没有选项 `{ $option }`
config-unknown-level = 未知级别 { $value }
config-use-error-warning-info-or = 请使用 `error`、`warning`、`info` 或 `off`
value-nothing = 空值
value-wrong-type = 类型错误的值
model-named-color-unquoted = 命名颜色不加引号：`color { $name }`
model-hex-color-help = 十六进制颜色写作 "#rrggbb"（例如 "#2e86de"），或使用命名颜色：{ $names }
model-declare-node-first = 连线只能连接已声明的节点；请先声明它，例如 `step { $id } "…"`
model-none-declared = 还没有声明任何{ $what ->
        [lane] 泳道
        [module] 模块
        [phase] 阶段
       *[other] 节点
    }；请添加 `{ $what } { $name } "…"`
model-declared-list = 已声明的{ $what ->
        [lane] 泳道
        [module] 模块
        [phase] 阶段
       *[other] 节点
    }：{ $list }
date-expected-format = 应为 YYYY-MM-DD
date-no-such-month = 没有 { $month } 月（月份为 01–12）
date-no-such-day = { $year } 年 { $month } 月只有 { $days } 天，没有 { $day } 日
model-named-colors-are = 命名颜色有 { $names }；也可以写带引号的十六进制颜色，如 "#2e86de"
model-direction-help = `right` 从左到右布局（默认），`down` 从上到下布局
model-page-help = `slide` 适合 16:9 幻灯片（默认），`a4` 适合 A4 页面，`none` 保持常规间距
model-empty-file = 文件是空的：没有可绘制的内容
model-no-nodes = 流程没有声明任何节点：没有可绘制的内容

## 报告
report-help-prefix = {"提示："}
report-more-places = （另有 { $count } 处相关位置未显示）
report-more-findings = …… 以及 { $file } 中另外 { $count } 条 `{ $code }` 问题未显示（`--format json` 会全部列出）
view-lanes-are = 泳道有 { $ids }
two-lines = { $first }
    { $second }
parse-stopped = 出现 { $count } 个语法错误后解析停止；请先修正这些错误再运行，以查看后面的问题
place-header = `flow` 头部
place-module = `module`
place-phase = `phase`
place-node = 节点
attr-expects-date = 写作 YYYY-MM-DD 的日期
attr-expects-direction = `right` 或 `down`
attr-expects-page = `slide`、`a4` 或 `none`
attr-expects-color = 颜色名或带引号的 "#rrggbb"
attr-spelled-color = 这个属性写作 `color`
attr-spelled-color-and = 这个属性写作 `color`；{ $help }
attr-accepts = { $place }可用的属性有 { $known }
attr-quote-label = { $accepts }；如果 `{ $name }` 是标签，请加引号：`"{ $name }"`

## 预览
watch-sub-does-not-compile = `{ $calls }` 无法编译：{ $code }，位于 { $at }：{ $message }
watch-sub-cannot-open = 无法打开 `{ $calls }`：{ $reason }
glyph-in-field = { $name ->
        [title] 标题
        [goal] 目标
        [owner] 负责人
        [version] 版本
       *[other] { $name }
    }
glyph-in-lane = 泳道 `{ $id }`
glyph-in-module = 模块 `{ $id }`
glyph-in-node = `{ $id }`
glyph-in-edge-label = 连线标签
render-page-too-dense = 第 {$page}/{$count} 页放到页面上只有 {$points} pt，小于 9 pt：“{$what}”一页放不下，且不再继续拆分
render-page-too-dense-help = 把它拆成两个阶段，或让更少的角色分担其中的步骤
render-page-too-dense-help-ranks = 声明阶段（`phase …`），让流程能在阶段之间拆分，或让更少的角色分担这些步骤
