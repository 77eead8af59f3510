export declare const BASE_SECURITY_HEADERS: { key: string; value: string }[];
export declare const API_CSP: string;
export declare function buildPageCsp(nonce: string, dev?: boolean): string;
