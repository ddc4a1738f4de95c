// DuckDB's queries run on Node's libuv thread pool, as file reads and writes
// do: with its default four threads, four long queries would hold every file
// operation (uploads, downloads, the readiness probe) until one of them ends.
// Plaza asks for 16 threads unless UV_THREADPOOL_SIZE is set (ADR 59).
//
// Loaded first by bin/plaza.cjs, before anything touches the disk: the pool
// starts at the first file operation, and an ES module entry point is read
// through it, too late to change its size.
process.env.UV_THREADPOOL_SIZE ??= '16';
