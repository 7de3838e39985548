## 计数与运行摘要
count-file = { $count } 个文件
count-node = { $count } 个节点
count-step = { $count } 个步骤
count-error = { $count } 个错误
count-warning = { $count } 个警告
count-info = { $count } 条提示
count-lint-error = { $count } 个检查错误
count-control-edge = { $count } 条控制连线
count-data-edge = { $count } 条数据连线
summary-suppressed = （另有 { $count } 条被 crmflow-ignore 忽略）
summary-ok = 通过：检查了 { $files } 个文件，没有问题
summary-found = 检查了 { $files } 个文件：{ $with } 个文件中有 { $counts }
summary-invalid = ；{ $count } 个文件无法编译
summary-unreadable = ；{ $count } 个文件无法读取

## 命令行：消息与摘要
cli-error-o-one-output-many-inputs = 错误：-o 只能指定一个输出，但有 { $inputs } 个输入；请使用 --out-dir
cli-error-o-one-output-many-formats = 错误：-o 只能指定一个输出，但 --format 要求 { $formats } 种格式；请使用 --out-dir
cli-error-embed-font-applies-svg = 错误：--embed-font 只适用于 SVG 输出
cli-error-check-compares-with-files = 错误：--check 与磁盘上的文件比较；`-o -` 没有指定文件
cli-error-standard-input-renders-alone = 错误：标准输入（`-`）只能单独渲染，输出到 -o 或标准输出，且不能与 --check 同用
cli-error-output-input-file-itself = 错误：{ $extension } 输出 `{ $output }` 是本次运行的输入文件；请换一个输出（-o、--out-dir），或把流程文件命名为 `*.crmflow`
cli-error-and-would-both-written = 错误：`{ $other }` 和 `{ $path }` 会写入同一个文件 `{ $output }`
cli-outputs-are-stale-or-missing = { $unchanged } 个输出中有 { $stale } 个已过期或缺失；去掉 --check 再运行同一命令即可更新
cli-outputs-up-date = { $unchanged } 个输出都是最新的
cli-state-from = { $state }：{ $output }（来自 { $path }）
    {""}
cli-unformatted-files-not-formatted-run = { $files } 个文件中有 { $unformatted } 个未格式化；请对它们运行 `crmflow fmt`
cli-error-formatting-would-change-meaning = 错误：格式化 `{ $path }` 会改变其含义；已保持原样（请报告此问题）
cli-error-o-one-output-many-markdown = 错误：-o 只能指定一个输出，但有 { $files } 个 Markdown 文件；请使用 --in-place
cli-error-several-markdown-files-use = 错误：有多个 Markdown 文件：请使用 --in-place（或 --check）
cli-out-date-run-same-command = { $stale } 已过期；去掉 --check 再运行同一命令
cli-error-not-utf-8-text = 错误：`{ $file }` 不是 UTF-8 文本
cli-error-cannot-read-err = 错误：无法读取 `{ $file }`：{ $err }
cli-warning-at-crmflow-block-not = 警告：{ $file }:{ $at }：```crmflow 代码块没有闭合；已保持原样（请补上结束标记）
cli-stale-image-links = 已过期：{ $file }（图片链接）
cli-error-watch-needs-file-not = 错误：watch 需要一个文件，不能是标准输入
cli-error-output-input-itself = 错误：输出 `{ $output }` 就是输入本身
cli-warning-cannot-catch-ctrl-c = 警告：无法捕获 Ctrl-C：{ $err }
cli-watching-ctrl-c-stop = 正在监视 { $file }（按 Ctrl-C 停止）
cli-warning-preview-served-beyond-this = 警告：预览页面对本机之外开放：网络上任何拿到这些链接的人都能看到流程；没有链接中的令牌，页面会被拒绝
cli-warning-cannot-open-browser-err = 警告：无法打开浏览器：{ $err }
cli-serve-text-not-address-try = --serve：`{ $text }` 不是地址（可以试试 127.0.0.1:8080 或 8080）
cli-missing-missing-waiting-for-come = [缺失] { $file } 不见了；等待它重新出现
    {""}
cli-unchanged = ；{ $output } 未变化
cli-error-no-template-name-hint = 错误：没有模板 `{ $name }`{ $hint }；`crmflow templates` 会列出所有模板
cli-start-from-one-crmflow-new = 从模板开始：crmflow new 文件.crmflow --template 名称 [--lang zh|en]
cli-wrote-templates-2-languages-svg = 已把 { $templates } 个模板 × 2 种语言（SVG + PNG）写入 { $dir }
cli-name-template = 模板 `{ $name }`
cli-minimal-flow = 最简流程
cli-error-should-end-crmflow-that = 错误：`{ $file }` 应以 .crmflow 结尾（`crmflow check 文件夹` 靠它找到流程文件）
cli-error-already-exists-use-force = 错误：`{ $target }` 已存在；使用 --force 覆盖
cli-error-cannot-create-folder-does = 错误：无法创建 `{ $file }`：文件夹 `{ $parent }` 不存在
cli-stopped-after-count-journeys-there = 列出 { $count } 条路径后停止：还有更多（提高 --limit，或简化流程）
cli-wrote = 已写入 { $path }
cli-unchanged-file = 未改变：{ $path }
cli-formatted = 已格式化 { $path }
cli-preview = 预览：{ $url }
cli-stopped = 已停止
cli-journey = { $number }. { $first } → { $last }（{ $steps } 步）
cli-journey-loop = { $number }. { $first } → … → 再回到 { $last }（{ $steps } 步，然后回环）
cli-journey-back = {"  "}   ↺  回到第 { $step } 步：{ $label }
cli-cannot-create-err = 无法创建 `{ $dir }`：{ $err }
cli-cannot-write-man-page-err = 无法写入手册页：{ $err }
cli-error-crmflow-lsp-message = 错误：crmflow lsp：{ $message }
cli-error-more-than-max-warnings = 错误：{ $warnings } 个警告，超过 --max-warnings { $max }
cli-rendered = 已渲染 { $files } 个文件：写入 { $written } 个输出，{ $unchanged } 个未变化{ $failed ->
        [0] {""}
       *[other] ，{ $failed } 个失败
    }
cli-does-not-compile = [错误] { $name } 无法编译（{ $errors } 个错误）；{ $keeping ->
        [yes] 保留上一次正确的图
       *[no] 等待修正
    }
    {""}
cli-created = 已从{ $from }（{ $code }）创建 { $file }
cli-created-with-config = 已从{ $from }（{ $code }）创建 { $file } 和 { $config }
cli-next-crmflow-render-crmflow-check = 下一步：crmflow render { $file } && crmflow check { $file }
cli-journeys = { $journeys } 条从开始到结束的路径，{ $loops } 条回路
cli-watch-ok = [通过] { $file }：{ $nodes }，{ $errors }，{ $warnings }，{ $ms } 毫秒

## 文件
io-cannot-read-standard-input-err = 无法读取标准输入：{ $err }
io-standard-input-more-than-limit = 标准输入超过上限 { $limit }（在 CRMFLOW_LIMITS 或 crmflow.yaml 的 `limits:` 中提高 `file-size`）
io-no-files = `{ $arg }` 中没有 { $or } 文件
io-bad-pattern-text-err = 无效的匹配模式 `{ $text }`：{ $err }
io-no-files-match-text = 没有文件匹配 `{ $text }`
io-skipped-symlink-outside = 已跳过 `{ $path }`：它是指向 `{ $root }` 之外的符号链接
io-skipped-symlink-loop-back = 已跳过 `{ $new }`：它是回到 `{ $ancestor }` 的符号链接循环
io-cannot-create-err = 无法创建 `{ $folder }`：{ $err }
io-crmflow-today-must-date-like = CRMFLOW_TODAY 必须是形如 2026-11-24 的日期，实际是 `{ $text }`
io-at-crmflow-block-not-closed = { $path }:{ $at }：```crmflow 代码块没有闭合；未检查
io-cannot-follow-err = 无法跟随 `{ $current }`：{ $err }
io-cannot-write-too-many-levels = 无法写入 `{ $path }`：符号链接层数过多
io-cannot-write-standard-output-err = 无法写入标准输出：{ $err }
io-cannot-write-shown = 无法写入 `{ $shown }`：{ $err }
io-cannot-write-shown-directory = 无法写入 `{ $shown }`：它是文件夹
io-cannot-write-shown-only-regular = 无法写入 `{ $shown }`：它是{ $name ->
        [socket] 套接字
        [block-device] 块设备
       *[other] 特殊文件（{ $name }）
    }；只写入普通文件、命名管道和字符设备
io-cannot-write-shown-file-read = 无法写入 `{ $shown }`：文件是只读的；请设为可写，或换一个输出
io-cannot-write-shown-input = 无法写入 `{ $shown }`：它是本次运行的输入文件，crmflow 从不覆盖自己的输入；请换一个输出（-o）
io-cannot-read-font-e = 无法读取字体 `{ $path }`：{ $e }
io-no-such-file = 文件不存在
io-permission-denied = 权限不足
io-is-a-directory = 它是文件夹
io-not-regular = 它是{ $kind ->
        [socket] 套接字
       *[other] 特殊文件（{ $kind }）
    }，不是普通文件
io-too-large = 它有 { $size }，超过上限 { $limit }

## 语言服务器的修复与悬停提示
lsp-fix-change-to = 改为 `{ $word }`
lsp-fix-declare = 声明{ $what ->
        [lane] 泳道
        [module] 模块
       *[other] { $what }
    } `{ $name }`
lsp-fix-ignore = 在这里忽略 `{ $rule }`（crmflow-ignore）
lsp-fix-add-branch = 为 `{ $id }` 添加分支“{ $answer }”
lsp-none-declared = `{ $id }`：没有声明这个名字的{ $what ->
        [lane] 泳道
        [module] 模块
       *[other] 节点
    }
lsp-rename-same = `{ $id }` 已经是这个名字

## 上限、预览服务器、文件监视
limit-not-a-number = 上限 `{ $name }` 必须是整数（字节数可以用 KiB、MiB 或 GiB 结尾），实际是 `{ $value }`
limit-unknown = 未知的上限 `{ $name }`{ $hint }
serve-cannot-listen = 无法在 { $address } 上监听：{ $err }
serve-cannot-start = 无法启动预览服务器：{ $err }
watch-cannot-watch = 无法监视文件：{ $err }
stats-kinds = 类型
stats-lane = 泳道
stats-module = 模块
stats-handoffs = 交接
stats-handoffs-line = { $count } 条控制流跨泳道（行：从，列：到）
stats-phase = 阶段
stats-lane-phase = 泳道 × 阶段
stats-lane-phase-line = 各泳道（行）在各阶段（列）的步骤数
stats-phase-crossings = 阶段流转
stats-phase-crossings-line = { $forward } 条控制连线进入后续阶段，{ $backward } 条回到较早阶段
stats-decisions = 决策
stats-decisions-line = { $decisions } · 回路 { $loops } · 圈复杂度 { $complexity }
stats-journeys = 路径
stats-journeys-cut = { $count }（已停止计数）
stats-shortest = 最短
stats-longest = 最长
stats-no-lane = （无泳道）
stats-no-module = （无模块）

# --help's own headings and flags (clap's words).
cli-help-usage = 用法:
cli-help-commands = 命令
cli-help-options = 选项
cli-help-arguments = 参数
cli-help-print-help = 打印帮助
cli-help-print-version = 打印版本
cli-help-possible-values = 可选值：
