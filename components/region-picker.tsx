"use client";

import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  formatRegionPath,
  type PickerRegion,
  REGION_PATH_SEPARATOR,
  type RegionIndex,
  searchRegions,
} from "@/lib/regions/search-regions";
import "./region-picker.css";
import { useRegionIndex } from "./use-region-index";

const RESULT_LIMIT = 50;

export type PickedRegion = { code: string; label: string };

type Props = {
  label: string;
  /** Name of the hidden input that submits the six-digit code ("" until a region is chosen). */
  name: string;
  /** The region chosen at first, with its full name for the moment before the table has loaded. */
  defaultValue?: PickedRegion | null;
  hint?: ReactNode;
};

type Option =
  | { kind: "up"; to: PickerRegion | null }
  | { kind: "whole"; region: PickerRegion }
  | { kind: "region"; region: PickerRegion; highlight: [number, number] | null };

function listOptions(index: RegionIndex, browse: PickerRegion | null): Option[] {
  const head: Option[] = browse
    ? [
        { kind: "up", to: browse.parent },
        { kind: "whole", region: browse },
      ]
    : [];
  const regions = browse ? browse.children : index.roots;
  return [...head, ...regions.map((region): Option => ({ kind: "region", region, highlight: null }))];
}

/** The region's path with the matched words of its own name marked. */
function RegionPath({ region, highlight }: { region: PickerRegion; highlight: [number, number] | null }) {
  const higher = region.path.slice(0, -1);
  const name = region.name;
  return (
    <span className="region-option-path">
      {higher.length > 0 ? (
        <span className="muted">{higher.join(REGION_PATH_SEPARATOR) + REGION_PATH_SEPARATOR}</span>
      ) : null}
      <strong>
        {highlight ? (
          <>
            {name.slice(0, highlight[0])}
            <mark>{name.slice(highlight[0], highlight[1])}</mark>
            {name.slice(highlight[1])}
          </>
        ) : (
          name
        )}
      </strong>
    </span>
  );
}

/**
 * A region chooser: type a name (哈尔滨, 南岗, "哈尔滨 南岗" or a code) to search the national table, or browse
 * province → city → county with the arrow keys or the mouse. An editable combobox with a listbox (WAI-ARIA APG):
 * ↑/↓ move, Enter chooses (or opens a region's subordinate list), → opens, ← or Backspace goes up, Escape closes.
 * The chosen code is submitted in a hidden input named `name`.
 */
export function RegionPicker({ label, name, defaultValue = null, hint }: Props) {
  const id = useId();
  const regions = useRegionIndex();
  const [picked, setPicked] = useState<PickedRegion | null>(defaultValue);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [browseCode, setBrowseCode] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const container = useRef<HTMLDivElement>(null);

  const index = regions.data;
  const browse = (browseCode && index?.byCode.get(browseCode)) || null;
  const searching = query.trim() !== "";
  const result = useMemo(
    () => (index && searching ? searchRegions(index, query, RESULT_LIMIT) : null),
    [index, query, searching],
  );
  const options: Option[] = !index
    ? []
    : result
      ? result.matches.map((m): Option => ({ kind: "region", ...m }))
      : listOptions(index, browse);
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;
  const pickedRegion = picked ? index?.byCode.get(picked.code) : null;
  const pickedLabel = picked ? (pickedRegion ? formatRegionPath(pickedRegion) : picked.label) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the active option or the list changes.
  useEffect(() => {
    if (open && activeIndex >= 0)
      document.getElementById(`${id}-option-${activeIndex}`)?.scrollIntoView({ block: "nearest" });
  }, [open, activeIndex, browseCode, query, id]);

  function openAt(code: string | null) {
    const region = code ? index?.byCode.get(code) : null;
    setBrowseCode(region?.parent?.code ?? null);
    setOpen(true);
    if (index && region) {
      const at = listOptions(index, region.parent).findIndex((o) => o.kind === "region" && o.region === region);
      setActive(Math.max(0, at));
    } else setActive(0);
  }

  function choose(region: PickerRegion) {
    const next = { code: region.code, label: formatRegionPath(region) };
    setPicked(next);
    setOpen(false);
    setQuery("");
    setAnnouncement(`已选择：${next.label}`);
  }

  function browseTo(region: PickerRegion | null, focus?: PickerRegion) {
    setQuery("");
    setBrowseCode(region?.code ?? null);
    const list = index ? listOptions(index, region) : [];
    setActive(Math.max(0, focus ? list.findIndex((o) => o.kind === "region" && o.region === focus) : 0));
  }

  function activate(option: Option | undefined) {
    if (!option) return;
    if (option.kind === "up") browseTo(option.to, browse ?? undefined);
    else if (option.kind === "whole") choose(option.region);
    else if (!searching && option.region.children.length > 0) browseTo(option.region);
    else choose(option.region);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const option = options[activeIndex];
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case "ArrowDown":
        handled();
        if (!open) openAt(picked?.code ?? null);
        else setActive(Math.min(activeIndex + 1, options.length - 1));
        return;
      case "ArrowUp":
        handled();
        if (!open) openAt(picked?.code ?? null);
        else setActive(Math.max(activeIndex - 1, 0));
        return;
      case "Enter":
        if (!open) return;
        handled();
        activate(option);
        return;
      case "ArrowRight":
        if (open && option?.kind === "region" && option.region.children.length > 0) {
          handled();
          browseTo(option.region);
        }
        return;
      case "ArrowLeft":
      case "Backspace":
        if (open && !searching && browse && query === "") {
          handled();
          browseTo(browse.parent, browse);
        }
        return;
      case "Escape":
        if (open || query) {
          handled();
          setOpen(false);
          setQuery("");
        }
        return;
    }
  }

  const listLabel = searching ? "搜索结果" : browse ? `${formatRegionPath(browse)} 的下级地区` : "省级地区";
  let status: string;
  if (regions.isError) status = regions.error.message;
  else if (!index) status = "正在加载地区列表…";
  else if (result && result.total === 0) status = `没有名称含“${query.trim()}”的地区。`;
  else if (result && result.total > result.matches.length)
    status = `共 ${result.total} 个地区，显示前 ${result.matches.length} 个；请再输入上级地区名称缩小范围，如“哈尔滨 南岗”。`;
  else if (result) status = `共 ${result.total} 个地区。`;
  else status = browse ? "按 ← 返回上一级，按 → 或 Enter 查看下级。" : "按 → 或 Enter 查看下级，也可直接输入名称搜索。";

  return (
    <div className="region-picker" ref={container}>
      <label htmlFor={`${id}-input`} className="field-label">
        {label}
      </label>
      <div className="region-picker-field">
        <input
          id={`${id}-input`}
          className="text-input"
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-listbox`}
          aria-autocomplete="list"
          aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={hint ? `${id}-picked ${id}-hint` : `${id}-picked`}
          autoComplete="off"
          spellCheck={false}
          placeholder="输入名称搜索，如 哈尔滨、南岗"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => (open ? undefined : openAt(picked?.code ?? null))}
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (!container.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
          }}
        />
        <button
          type="button"
          className="region-picker-toggle"
          tabIndex={-1}
          aria-label={open ? "收起地区列表" : "展开地区列表"}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            document.getElementById(`${id}-input`)?.focus();
            if (open) setOpen(false);
            else openAt(picked?.code ?? null);
          }}
        >
          ▾
        </button>
        {open ? (
          <div className="region-picker-popup">
            {!searching && index ? (
              <div className="region-picker-where" aria-hidden="true">
                {browse ? `全国${REGION_PATH_SEPARATOR}${formatRegionPath(browse)}` : "全国"}
              </div>
            ) : null}
            <div id={`${id}-listbox`} role="listbox" aria-label={listLabel} className="region-picker-list">
              {options.map((option, i) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant).
                <div
                  key={option.kind === "up" ? "up" : `${option.kind}-${option.region.code}`}
                  id={optionId(i)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === activeIndex}
                  className={
                    option.kind === "region" && option.region.code === picked?.code
                      ? "region-option chosen"
                      : "region-option"
                  }
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => (i === activeIndex ? undefined : setActive(i))}
                  onClick={() => activate(option)}
                >
                  {option.kind === "up" ? (
                    <span className="region-option-nav">‹ 返回{option.to ? option.to.name : "全国"}</span>
                  ) : option.kind === "whole" ? (
                    <strong>选择整个{option.region.name}</strong>
                  ) : searching ? (
                    <RegionPath region={option.region} highlight={option.highlight} />
                  ) : (
                    <span>{option.region.name}</span>
                  )}
                  {option.kind === "region" ? (
                    <span className="region-option-meta">
                      {option.region.code === picked?.code ? "已选 · " : ""}
                      {!searching && option.region.children.length > 0
                        ? `${option.region.children.length} 个下级 ›`
                        : option.region.code}
                    </span>
                  ) : null}
                </div>
              ))}
            </div>
            <p className="region-picker-status">
              <span aria-hidden="true">{status}</span>
              {regions.isError ? (
                <button type="button" className="link-like" onClick={() => regions.refetch()}>
                  重试
                </button>
              ) : null}
            </p>
          </div>
        ) : null}
      </div>
      <p id={`${id}-picked`} className="region-picker-picked">
        {pickedLabel ? (
          <>
            已选：<strong>{pickedLabel}</strong> <span className="muted">（{picked?.code}）</span>
          </>
        ) : (
          <span className="muted">尚未选择地区</span>
        )}
      </p>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <span className="visually-hidden" role="status">
        {open ? status : announcement}
      </span>
      <input type="hidden" name={name} value={picked?.code ?? ""} />
    </div>
  );
}
