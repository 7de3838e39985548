# --help 的中文文本，编号同 en/help.ftl（按位置：help-crmflow[-子命令…]-about、
# -after-help、-arg-参数）；英文文件由命令行声明生成。

help-crmflow-about =
    CRM 业务流程图的图即代码编译器：解析、检查（lint）、按泳道布局、渲染 SVG

help-crmflow-after-help =
    语言参考：`crmflow help language` 打印完整参考（每种写法都有示例）。

    简写：
    {""}  crmflow FLOW.crmflow OUT.svg [render 选项]      等同于 `crmflow render FLOW.crmflow -o OUT.svg`
    {""}  crmflow FLOW.crmflow                            等同于 `crmflow render FLOW.crmflow`

    环境变量（命令行参数优先）：
    {""}  CRMFLOW_THEME    --theme             CRMFLOW_FORMAT   render --format
    {""}  CRMFLOW_SCALE    --scale             CRMFLOW_OUT_DIR  render --out-dir
    {""}  CRMFLOW_FONT     --font              CRMFLOW_CONFIG   --config
    {""}  CRMFLOW_LANG     --lang              CRMFLOW_COLOR    --color（也遵循 NO_COLOR）
    {""}  CRMFLOW_PAGE     render --page       CRMFLOW_TODAY    stale-review 计算所依据的日期
    {""}                                                        （YYYY-MM-DD），便于 CI 结果可复现
    {""}  CRMFLOW_LIMITS   输入上限，例如 nodes=100000,file-size=64MiB,text-chars=5000

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；render --check / fmt --check / md --check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-arg-color =
    何时在诊断信息中使用颜色和图形字符

help-crmflow-arg-color-value-auto =
    在终端上使用（除非设置了 NO_COLOR），否则不用

help-crmflow-arg-color-value-always =
    总是使用

help-crmflow-arg-color-value-never =
    从不使用

help-crmflow-arg-lang =
    消息、帮助和报告的语言，也是 `new` 和 `templates show` 所写模板的语言（默认：系统区域设置，否则为英文）。错误码、位置和 JSON/SARIF 不随之改变

help-crmflow-check-about =
    检查流程：解析、解析名称并运行 lint 规则，列出每个问题

help-crmflow-check-after-help =
    示例：
    {""}  crmflow check examples/
    {""}  crmflow check 'docs/**/*.crmflow' --format sarif > crmflow.sarif
    {""}  crmflow check flow.crmflow --max-warnings 0
    {""}  crmflow check --explain dead-end

    配置：每个文件上方最近的 crmflow.yaml（或 --config）：
    {""}  lint:
    {""}    preset: recommended        # 或 strict
    {""}    rules:
    {""}      duplicate-label: off
    {""}      stale-review: {"{"} severity: error, max-age-days: 90 {"}"}
    在文件中忽略一条问题：`# crmflow-ignore: dead-end -- 原因`。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-check-arg-files =
    文件、文件夹（在其中查找 `*.crmflow`）或通配模式；`-` 读取标准输入

help-crmflow-check-arg-format =
    诊断信息的输出格式

help-crmflow-check-arg-format-value-human =
    带注释的源代码摘录

help-crmflow-check-arg-format-value-json =
    在标准输出上输出一个 JSON 文档

help-crmflow-check-arg-format-value-sarif =
    在标准输出上输出 SARIF 2.1.0，用于 GitHub 代码扫描

help-crmflow-check-arg-format-value-github =
    在标准输出上输出 GitHub Actions 注解（`::error file=…`）

help-crmflow-check-arg-config =
    每个文件都使用的 crmflow.yaml（默认：每个文件上方最近的那个）

help-crmflow-check-arg-max-warnings =
    警告数超过此值时失败（退出码 1）

help-crmflow-check-arg-explain =
    打印一条规则的说明（按名称或代码）后退出

help-crmflow-check-arg-list-rules =
    列出每条规则及其代码和级别后退出

help-crmflow-render-about =
    渲染流程（单个文件、文件夹或通配模式）为 SVG、PNG 或 PDF，或导出格式（布局 JSON、流程 JSON、Mermaid、draw.io、BPMN）

help-crmflow-render-after-help =
    示例：
    {""}  crmflow render examples/lead-to-contract.crmflow -o lead.svg
    {""}  crmflow render examples/customer-lifecycle.crmflow -o lifecycle.png --scale 3
    {""}  crmflow render flow.crmflow -o flow.pdf --theme print
    {""}  crmflow render docs/ --out-dir site/img --format svg,png
    {""}  crmflow render 'docs/**/*.crmflow' --check   # CI：提交的流程图是否最新？
    {""}  cat flow.crmflow | crmflow render - -o -

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-render-arg-files =
    要渲染的流程：文件、文件夹（在其中查找 `*.crmflow`）或通配模式；`-` 读取标准输入

help-crmflow-render-arg-output =
    输出位置，仅限一个输入（`-` 为标准输出）。默认：输入路径换成该格式的扩展名；读取标准输入时为标准输出

help-crmflow-render-arg-out-dir =
    写入此文件夹，保持输入的目录结构（文件夹参数中的文件保留其下的相对路径）

help-crmflow-render-arg-format =
    输出什么；可用逗号同时指定多个（`svg,png`）。默认：由输出文件的扩展名决定（`.svg`、`.png`、`.pdf`；`.json` 为 `layout-json`），否则为 `svg`

help-crmflow-render-arg-format-value-svg =
    SVG 格式的流程图

help-crmflow-render-arg-format-value-png =
    PNG 格式的流程图（见 --scale）

help-crmflow-render-arg-format-value-pdf =
    PDF 格式的流程图，文字保留为文字

help-crmflow-render-arg-format-value-layout-json =
    定位后的布局，中立的 JSON（节点框、连线折线、泳道带）

help-crmflow-render-arg-format-value-json =
    解析后的流程 JSON，供其他工具使用（模式 crmflow-flow/2，见 docs/export.md）

help-crmflow-render-arg-format-value-mermaid =
    Mermaid 流程图（泳道为子图），用于 GitHub 评论和 wiki

help-crmflow-render-arg-format-value-drawio =
    保留此布局、可编辑的 draw.io / diagrams.net 文件（可再转到 Visio、Lucidchart）

help-crmflow-render-arg-format-value-bpmn =
    带图形交换信息的 BPMN 2.0 XML，供流程工具使用（Camunda、bpmn.io、Signavio）

help-crmflow-render-arg-check =
    不写任何文件：在内存中渲染并与磁盘上的文件比较；列出过期和缺失的文件，若有则退出码为 1

help-crmflow-render-arg-verbose =
    每个文件打印一行（否则在终端上显示进度条）

help-crmflow-render-arg-quiet =
    只打印问题：不打印写了哪些文件

help-crmflow-render-arg-theme =
    配色。默认：crmflow.yaml 中的 `render.theme`，否则为 `default`

help-crmflow-render-arg-theme-value-default =
    白底上的模块配色

help-crmflow-render-arg-theme-value-print =
    黑白，模块用灰度区分

help-crmflow-render-arg-theme-value-dark =
    深色背景上的浅色，适合投影

help-crmflow-render-arg-scale =
    PNG 中每个 SVG 单位对应的设备像素数。默认：crmflow.yaml 中的 `render.scale`，否则为 2

help-crmflow-render-arg-font =
    用来测量和绘制文字的字体文件（OTF/TTF），代替内置字体，例如需要内置的 3,755 个常用汉字以外的字符时

help-crmflow-render-arg-lane-order =
    泳道顺序：按文件中的声明顺序，或 `auto`：泳道间交接最短的顺序。默认：crmflow.yaml 中的 `render.lane-order`，否则为 `declared`

help-crmflow-render-arg-lane-order-value-declared =
    按文件中的声明顺序（默认：分析师的顺序）

help-crmflow-render-arg-lane-order-value-auto =
    交接最短的顺序

help-crmflow-render-arg-page =
    图要适配的页面：选择间距（以及流程未指定方向时的方向），使文字在该页面上尽可能大。默认：流程的 `page`，否则为 crmflow.yaml 中的 `render.page`，否则为 `slide`

help-crmflow-render-arg-page-value-slide =
    16:9 幻灯片（内容区 12.3 × 6.2 英寸），默认

help-crmflow-render-arg-page-value-a4 =
    A4 页面（内容区 10.7 × 7.3 英寸），横竖皆可

help-crmflow-render-arg-page-value-none =
    不适配页面：常规间距，按声明

help-crmflow-render-arg-lanes =
    角色视图：完整绘制这些泳道（id，逗号分隔），其余每条泳道折叠为一步，泳道变窄，但进出的交接仍然可见

help-crmflow-render-arg-embed-font =
    仅限 SVG：把文字转为轮廓，使图在任何查看器中看起来都一样，无论是否装有该字体（链接会被去掉）

help-crmflow-render-arg-config =
    使用的 crmflow.yaml（默认：文件上方最近的那个）

help-crmflow-render-arg-deny-warnings =
    lint 发现警告时退出码为 1（错误总是如此）

help-crmflow-render-arg-no-lint =
    不做 lint（只渲染）

help-crmflow-watch-about =
    每次保存都重新编译：写出输出文件，和/或提供供评审会议使用的实时预览页面

help-crmflow-watch-after-help =
    示例：
    {""}  crmflow watch flow.crmflow --serve --open
    {""}  crmflow watch flow.crmflow -o flow.svg
    {""}  crmflow watch flow.crmflow -o flow.png --serve 0.0.0.0:8080

    页面在每次保存时原地更新（保留缩放和滚动位置），在上一张正确的图上方以横幅显示错误，
    给有 lint 问题的节点加轮廓（L 切换），并提供适应窗口（F）、缩放、全屏（Shift+F）、
    主题（T）和泳道筛选控件。开会时：演示模式（S，?present=1：会议室后排也能看清文字）、
    逐条走查每条路径（W），以及上次保存改了什么（C）。页面使用浏览器的语言（?lang=zh）。
    按 Ctrl-C 停止。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-watch-arg-file =
    要监视的流程

help-crmflow-watch-arg-output =
    每次编译成功时也把图写到这里（`.svg`、`.png`、`.pdf`），原子写入；有错误的保存不会覆盖它

help-crmflow-watch-arg-serve =
    提供实时预览页面。ADDR：`端口`、`主机` 或 `主机:端口`（默认：127.0.0.1 上的空闲端口）

help-crmflow-watch-arg-open =
    在默认浏览器中打开预览页面

help-crmflow-watch-arg-theme =
    配色。默认：crmflow.yaml 中的 `render.theme`，否则为 `default`

help-crmflow-watch-arg-theme-value-default =
    白底上的模块配色

help-crmflow-watch-arg-theme-value-print =
    黑白，模块用灰度区分

help-crmflow-watch-arg-theme-value-dark =
    深色背景上的浅色，适合投影

help-crmflow-watch-arg-scale =
    PNG 中每个 SVG 单位对应的设备像素数。默认：crmflow.yaml 中的 `render.scale`，否则为 2

help-crmflow-watch-arg-font =
    用来测量和绘制文字的字体文件（OTF/TTF），代替内置字体，例如需要内置的 3,755 个常用汉字以外的字符时

help-crmflow-watch-arg-lane-order =
    泳道顺序：按文件中的声明顺序，或 `auto`：泳道间交接最短的顺序。默认：crmflow.yaml 中的 `render.lane-order`，否则为 `declared`

help-crmflow-watch-arg-lane-order-value-declared =
    按文件中的声明顺序（默认：分析师的顺序）

help-crmflow-watch-arg-lane-order-value-auto =
    交接最短的顺序

help-crmflow-watch-arg-page =
    图要适配的页面：选择间距（以及流程未指定方向时的方向），使文字在该页面上尽可能大。默认：流程的 `page`，否则为 crmflow.yaml 中的 `render.page`，否则为 `slide`

help-crmflow-watch-arg-page-value-slide =
    16:9 幻灯片（内容区 12.3 × 6.2 英寸），默认

help-crmflow-watch-arg-page-value-a4 =
    A4 页面（内容区 10.7 × 7.3 英寸），横竖皆可

help-crmflow-watch-arg-page-value-none =
    不适配页面：常规间距，按声明

help-crmflow-watch-arg-lanes =
    角色视图：完整绘制这些泳道（id，逗号分隔），其余每条泳道折叠为一步，泳道变窄，但进出的交接仍然可见

help-crmflow-watch-arg-config =
    使用的 crmflow.yaml（默认：文件上方最近的那个）

help-crmflow-watch-arg-no-lint =
    不做 lint（没有标注，也没有问题列表）

help-crmflow-watch-arg-debounce =
    合并间隔短于这么多毫秒的文件事件（一次保存常常产生多个事件）

help-crmflow-watch-arg-poll =
    每隔这么多毫秒重新检查文件，以发现操作系统没有报告的改动

help-crmflow-new-about =
    从模板（或一个带注释的最简流程）新建流程

help-crmflow-new-after-help =
    示例：
    {""}  crmflow new onboarding.crmflow
    {""}  crmflow new complaints.crmflow --template complaint-handling --lang zh
    {""}  crmflow new flows/lead.crmflow --template lead-to-contract --with-config

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-new-arg-file =
    要创建的文件（`.crmflow`）

help-crmflow-new-arg-template =
    作为起点的模板（`crmflow templates` 列出全部）；不指定时使用带注释的最简流程

help-crmflow-new-arg-force =
    文件（以及 crmflow.yaml）已存在时覆盖

help-crmflow-new-arg-with-config =
    同时在旁边写一个带注释的 crmflow.yaml

help-crmflow-paths-about =
    列出从开始到结束的每条路径（十步法第 8 步：逐条走一遍来检验流程）

help-crmflow-paths-after-help =
    示例：
    {""}  crmflow paths templates/ten-step.zh.crmflow

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-paths-arg-file =
    流程文件（`-` 读取标准输入）

help-crmflow-paths-arg-limit =
    最多显示这么多条路径

help-crmflow-fmt-about =
    把文件改写为标准格式（保留注释）

help-crmflow-fmt-after-help =
    示例：
    {""}  crmflow fmt flows/
    {""}  crmflow fmt --check 'docs/**/*.crmflow'   # CI：文件未格式化时退出码为 1 并打印差异
    {""}  cat flow.crmflow | crmflow fmt - > formatted.crmflow

    格式：同类声明按列对齐，箭头两侧各一个空格，规范的引号写法，块缩进两个空格，
    各部分之间空一行，带标签的连线对齐，每条注释留在原处；文件保留原有的换行符
    （CRLF、LF 或 CR）和字节顺序标记。格式化后的文件表示的流程总是不变；格式化两次
    不会再有改动。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-fmt-arg-files =
    文件、文件夹（在其中查找 `*.crmflow`）或通配模式；`-` 把标准输入格式化到标准输出

help-crmflow-fmt-arg-check =
    不做任何改动；文件未格式化时打印差异并以退出码 1 结束

help-crmflow-md-about =
    把 Markdown 文件中的 ```crmflow 代码块渲染为图片，并在每个代码块后加上图片链接

help-crmflow-md-after-help =
    示例：
    {""}  crmflow md README.md --in-place --out-dir docs/img
    {""}  crmflow md docs/process.md -o build/process.md
    {""}  crmflow md docs/*.md --in-place --check     # CI：图片是否最新？

    每个代码块都保留；紧随其后的是 ![标题](img/FILE-<hash>.svg)，文件名取自代码块的哈希，
    因此重新运行不会有任何改动，除非某个代码块变了。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-md-arg-files =
    Markdown 文件

help-crmflow-md-arg-out-dir =
    图片存放位置（默认：每个 Markdown 文件旁边）

help-crmflow-md-arg-in-place =
    直接改写 Markdown 文件本身

help-crmflow-md-arg-output =
    把 Markdown 写到这里（默认：标准输出）

help-crmflow-md-arg-check =
    不做任何改动；图片或 Markdown 文件过期时退出码为 1

help-crmflow-md-arg-format =
    图片格式

help-crmflow-md-arg-format-value-svg =
    SVG（任意缩放都清晰；文字保留为文字）

help-crmflow-md-arg-format-value-png =
    2 倍分辨率的 PNG

help-crmflow-md-arg-theme =
    配色（默认：crmflow.yaml 中的 `render.theme`，否则为 `default`）

help-crmflow-md-arg-theme-value-default =
    白底上的模块配色

help-crmflow-md-arg-theme-value-print =
    黑白，模块用灰度区分

help-crmflow-md-arg-theme-value-dark =
    深色背景上的浅色，适合投影

help-crmflow-md-arg-config =
    每个文件都使用的 crmflow.yaml（默认：每个文件上方最近的那个）

help-crmflow-md-arg-inline =
    把每个代码块换成它的图（内联 SVG，用于文档构建；不写图片文件）。`-` 从标准输入读 Markdown

help-crmflow-md-arg-stdin-name =
    与 `--inline -` 一起用：该页面的路径，用于诊断位置和查找 crmflow.yaml

help-crmflow-mdbook-about =
    mdBook 预处理器：把书中的 ```crmflow 代码块画成内联图

help-crmflow-mdbook-after-help =
    在 book.toml 中：
    {""}  [preprocessor.crmflow]
    {""}  command = "crmflow mdbook"
    {""}  # theme = "print"

    mdBook 通过标准输入以 JSON 交来整本书，再从标准输出读回；每个 ```crmflow
    代码块变成它的图（内联 SVG）。代码块无法解析或 lint 发现错误时，构建失败，
    并指出文件、行和列。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-mdbook-arg-theme =
    配色（默认：book.toml 中 [preprocessor.crmflow] 的 `theme`，其次 crmflow.yaml 的 `render.theme`，否则 `default`）

help-crmflow-mdbook-arg-theme-value-default =
    白底上的模块配色

help-crmflow-mdbook-arg-theme-value-print =
    黑白，模块用灰度区分

help-crmflow-mdbook-arg-theme-value-dark =
    深色背景上的浅色，适合投影

help-crmflow-mdbook-arg-config =
    使用的 crmflow.yaml（默认：每一章上方最近的那个）

help-crmflow-mdbook-supports-about =
    预处理器是否支持某个渲染器（都支持）

help-crmflow-mdbook-supports-arg-renderer =
    渲染器名称（html、markdown 等）

help-crmflow-completions-about =
    打印 shell 补全脚本（bash、zsh、fish、elvish、powershell）

help-crmflow-completions-after-help =
    示例：
    {""}  crmflow completions bash > ~/.local/share/bash-completion/completions/crmflow
    {""}  crmflow completions zsh > ~/.zfunc/_crmflow
    {""}  crmflow completions fish > ~/.config/fish/completions/crmflow.fish

help-crmflow-completions-arg-shell =
    哪种 shell

help-crmflow-man-about =
    打印 man 手册页，或为每个子命令写一页到文件夹中

help-crmflow-man-after-help =
    示例：
    {""}  crmflow man | man -l -
    {""}  crmflow man --out-dir /usr/local/share/man/man1

help-crmflow-man-arg-out-dir =
    改为把 crmflow.1 和 crmflow-子命令.1 写到这里

help-crmflow-sop-about =
    写出标准作业程序（SOP）：按角色列出其步骤（按流程顺序），含输入、输出、交接、判断和循环

help-crmflow-sop-after-help =
    示例：
    {""}  crmflow sop templates/ten-step.zh.crmflow -o 作业程序.md
    {""}  crmflow sop flow.crmflow --format html -o sop.html

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-sop-arg-file =
    流程文件（`-` 读取标准输入）

help-crmflow-sop-arg-output =
    输出文件（`-`：标准输出，即默认值）

help-crmflow-sop-arg-format =
    Markdown，或一个便于打印和分享的 HTML 页面

help-crmflow-sop-arg-format-value-md =
    Markdown 文档

help-crmflow-sop-arg-format-value-html =
    一个独立的 HTML 页面

help-crmflow-stats-about =
    衡量流程的数据：按类型、泳道和模块的计数，交接矩阵，判断，循环，复杂度，以及最短和最长的路径

help-crmflow-stats-after-help =
    示例：
    {""}  crmflow stats templates/ten-step.zh.crmflow
    {""}  crmflow stats flow.crmflow --format json

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-stats-arg-file =
    流程文件（`-` 读取标准输入）

help-crmflow-stats-arg-format =
    给人看的表格，或给脚本用的 JSON

help-crmflow-stats-arg-format-value-table =
    表格

help-crmflow-stats-arg-format-value-json =
    一个 JSON 文档

help-crmflow-export-about =
    导出流程供其他工具使用：解析后的流程（JSON）、Mermaid 流程图、可编辑的 draw.io 文件，或带图形信息的 BPMN 2.0

help-crmflow-export-after-help =
    示例：
    {""}  crmflow export flow.crmflow --to mermaid            # flow.mmd
    {""}  crmflow export flow.crmflow --to json -o -          # 模型输出到标准输出
    {""}  crmflow export flow.crmflow --to drawio             # flow.drawio，可在 diagrams.net 中编辑
    {""}  crmflow export flow.crmflow --to bpmn               # flow.bpmn，供 BPMN 建模工具使用
    {""}  crmflow render docs/ --out-dir out --format svg,mermaid   # 批量模式也可以

    某种格式无法表达的内容会以警告（W310）报告。

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-export-arg-file =
    流程文件（`-` 读取标准输入）

help-crmflow-export-arg-to =
    格式：`json`（解析后的流程）、`mermaid`、`drawio` 或 `bpmn`；`render --format` 的任何名称都可用

help-crmflow-export-arg-to-value-svg =
    SVG 格式的流程图

help-crmflow-export-arg-to-value-png =
    PNG 格式的流程图（见 --scale）

help-crmflow-export-arg-to-value-pdf =
    PDF 格式的流程图，文字保留为文字

help-crmflow-export-arg-to-value-layout-json =
    定位后的布局，中立的 JSON（节点框、连线折线、泳道带）

help-crmflow-export-arg-to-value-json =
    解析后的流程 JSON，供其他工具使用（模式 crmflow-flow/2，见 docs/export.md）

help-crmflow-export-arg-to-value-mermaid =
    Mermaid 流程图（泳道为子图），用于 GitHub 评论和 wiki

help-crmflow-export-arg-to-value-drawio =
    保留此布局、可编辑的 draw.io / diagrams.net 文件（可再转到 Visio、Lucidchart）

help-crmflow-export-arg-to-value-bpmn =
    带图形交换信息的 BPMN 2.0 XML，供流程工具使用（Camunda、bpmn.io、Signavio）

help-crmflow-export-arg-output =
    输出文件（`-`：标准输出）。默认：输入路径换成该格式的扩展名（`flow.mmd`、`flow.crmflow.json`）；读取标准输入时为标准输出

help-crmflow-export-arg-config =
    使用此 crmflow.yaml，而不是最近的那个

help-crmflow-lsp-about =
    在标准输入输出上提供语言服务器协议（LSP），供编辑器使用（与 `check` 相同的诊断、补全、悬停提示、跳转到定义、查找引用、重命名、格式化、快速修复）

help-crmflow-lsp-after-help =
    编辑器会自行启动它；例如 Neovim：
    {""}  vim.lsp.start({"{"} name = 'crmflow', cmd = {"{"} 'crmflow', 'lsp' {"}"} {"}"})

    服务器会读取每个流程的 crmflow.yaml，并遵循 # crmflow-ignore。

help-crmflow-language-about =
    打印语言参考：每种写法，附示例

help-crmflow-templates-about =
    列出内置模板，打印其中一个，或全部渲染

help-crmflow-templates-after-help =
    示例：
    {""}  crmflow templates
    {""}  crmflow templates show ten-step --lang zh
    {""}  crmflow templates gallery docs/gallery

    退出码：
    {""}  0  成功
    {""}  1  lint 发现错误（或警告数超过 --max-warnings，或 render --deny-warnings
    {""}     时有任何警告）；--check 发现过期文件
    {""}  2  输入无法解析或解析名称失败
    {""}  3  用法错误或读写错误

help-crmflow-templates-show-about =
    打印一个模板

help-crmflow-templates-show-arg-name =
    模板名称

help-crmflow-templates-gallery-about =
    把每个模板的两种语言版本渲染为 SVG 和 PNG，写入一个文件夹（即 docs/gallery 中的图库）

help-crmflow-templates-gallery-arg-dir =
    写入的文件夹（不存在则创建）
