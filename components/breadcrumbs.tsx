import Link from "next/link";

export type Crumb = { name: string; href: string };

/** 全国 › 黑龙江省 › 牡丹江市: every level but the last is a link back up (none in a frozen view: `plain`). */
export function Breadcrumbs({ items, plain = false }: { items: Crumb[]; plain?: boolean }) {
  return (
    <nav aria-label="地区层级" className="breadcrumbs">
      <ol>
        {items.map((c, i) => (
          <li key={c.href}>
            {i < items.length - 1 && !plain ? (
              <Link href={c.href}>{c.name}</Link>
            ) : (
              <span aria-current={i === items.length - 1 ? "page" : undefined}>{c.name}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
