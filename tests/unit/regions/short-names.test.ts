import { describe, expect, it } from "vitest";
import { deriveShortName } from "@/lib/regions";

describe("deriveShortName", () => {
  it.each([
    ["320800", "淮安市", "淮安"],
    ["350128", "平潭县", "平潭"],
    ["230000", "黑龙江省", "黑龙江"],
    ["450000", "广西壮族自治区", "广西"],
    ["650000", "新疆维吾尔自治区", "新疆"],
    ["222400", "延边朝鲜族自治州", "延边"],
    ["433100", "湘西土家族苗族自治州", "湘西"],
    ["652800", "巴音郭楞蒙古自治州", "巴音郭楞"],
    ["150724", "鄂温克族自治旗", "鄂温克"],
    ["410102", "中原区", null],
    ["421022", "公安县", null],
    ["450329", "资源县", null],
    ["500233", "忠县", null],
    ["140302", "城区", null],
    ["370103", "市中区", null],
    ["320571", "苏州工业园区", null],
  ])("%s %s → %s", (code, name, expected) => {
    expect(deriveShortName({ code, name })).toBe(expected);
  });
});
