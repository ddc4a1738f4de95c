/** Types of scripts/build.mjs, for the tests. */
export declare const ROOT: string;
/** The stamp of the sources under `root`: changes whenever a file under src/ is added, removed or edited. */
export declare function sourceStamp(root?: string): string;
/** The entry file of the build for `stamp`, whether or not it exists. */
export declare function builtEntry(root?: string, stamp?: string): string;
/** Builds dist/<stamp>/ and returns its entry file. */
export declare function build(root?: string): Promise<string>;
