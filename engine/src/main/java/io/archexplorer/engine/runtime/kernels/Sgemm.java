package io.archexplorer.engine.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply {@code C[m×n] (+)= A[m×k] · B[k×n]} on row-major flat arrays with leading
 * dimensions, followed by an optional fused {@link Epilogue} (per-row bias, activation).
 *
 * <p>Why it is fast (the BLIS/GotoBLAS structure, in plain Java):
 * <ul>
 *   <li>The micro-kernel keeps a {@value #MR}×(2 vectors) tile of C in 8 vector registers for a whole K block,
 *       so every loaded B vector feeds {@value #MR} FMAs and every broadcast A value feeds 2: the loop is bound
 *       by FMA throughput, and C is read and written once per K block instead of once per k.</li>
 *   <li>B is packed per ({@value #KC} × {@value #NC}) block into panels of {@code NR} columns laid out k-major,
 *       so the micro-kernel streams it with unit stride; one panel ({@value #KC}×NR, 32 KB) is reused from L1 by
 *       every row tile of an M block, and the block itself is reused from L2 by every M block.</li>
 *   <li>A is packed once ({@link #pack}) into the order the micro-kernel reads it: for a convolution A is the
 *       layer's weights, packed when the net is compiled, so the copy costs nothing per inference. Each A value
 *       is used for a whole 32-wide row of the tile, so its broadcast is cheap.</li>
 *   <li>The N edge is zero-padded in the packed B panel and the M edge in the packed A tile, so the
 *       inner loop never branches on M, N or K; only storing an edge tile runs lane by lane.</li>
 *   <li>Full tiles are stored straight from registers; this matters for the small K of pointwise
 *       convolutions, where a tile is stored after only 16-32 steps.</li>
 *   <li>K is cut into equal blocks, so no block is so short that the per-tile store dominates.</li>
 *   <li>Buffers are per thread and reused, so a call allocates nothing on the hot path.</li>
 * </ul>
 * Very narrow products ({@code n < }{@value #NARROW_N}) given an unpacked A are memory bound and would waste
 * most of a 32-column tile, so they run as dot products along K instead; with a packed A (a convolution on a
 * map of a few pixels) the tiles run, their empty columns zero.
 *
 * <p>Threading: the output is cut into ranges of whole tiles along N (a few per thread, handed out as threads
 * finish), or along M when N is short (one per thread); each range runs the single-thread algorithm, so the
 * summation order of every element, and hence the result, is the same for any thread count.
 */
public final class Sgemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    /** Rows of C per micro-kernel tile. */
    static final int MR = 4;
    /** Columns of C per micro-kernel tile: two vectors. */
    static final int NR = 2 * VL;
    /** Upper bound of a K block: one packed B panel ({@code KC×NR}) fits L1. */
    static final int KC = 256;
    /** Rows of A (×K block) swept per pass over the packed B block, sized to stay in L2 next to it. */
    static final int MC = 192;
    /** Width of an N block; a multiple of {@link #NR}; {@code KC×NC} floats is the per-thread packing buffer. */
    static final int NC = 1024;
    /** Below this many columns the product runs as dot products (see class comment). */
    static final int NARROW_N = 8;
    /** A K block up to this long is swept row tile by row tile (see multiplyRange). */
    static final int SHORT_K = 64;
    /** Less work than this per thread costs more in hand-off than it saves. */
    private static final long MIN_FLOPS_PER_THREAD = 1L << 19;
    /** Column chunks handed out per thread: enough to even out a busy core, few enough to keep B panels wide. */
    private static final int CHUNKS_PER_THREAD = 4;

    private static final ThreadScratch PACKED_B = new ThreadScratch();
    private static final ThreadScratch EDGE_TILE = new ThreadScratch();
    private static final ThreadScratch COLUMN = new ThreadScratch();

    private Sgemm() {
    }

    /** Floats of scratch each thread keeps after a product with reduction length {@code k}: packed B, edge tile,
     *  column. */
    public static long scratchFloats(int k) {
        return (long) KC * NC + MR * NR + k;
    }

    /** {@code C = A·B} on one thread, no epilogue. */
    public static void multiply(int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                float[] c, int cOffset, int ldc) {
        multiply(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, false, Epilogue.NONE,
                Parallelism.SINGLE_THREAD);
    }

    /**
     * {@code C[i][j] = epilogue(row i, (accumulate ? C[i][j] : 0) + Σ_p A[i][p]·B[p][j])}. Packs A for this call;
     * for repeated products with the same A (a layer's weights) {@link #pack} it once.
     *
     * @param lda distance between rows of A ({@code >= k}); likewise {@code ldb >= n}, {@code ldc >= n}
     */
    public static void multiply(int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                float[] c, int cOffset, int ldc,
                                boolean accumulate, Epilogue epilogue, Parallelism parallelism) {
        if (n >= NARROW_N || m == 0 || k == 0) {
            multiply(pack(m, k, a, aOffset, lda), n, b, bOffset, ldb, c, cOffset, ldc, accumulate, epilogue,
                    parallelism);
            return;
        }
        checkMatrix("A", a, aOffset, m, k, lda);
        checkMatrix("B", b, bOffset, k, n, ldb);
        checkMatrix("C", c, cOffset, m, n, ldc);
        checkBias(m, epilogue);
        Rows rows = new Rows(b, bOffset, ldb, null);
        int parts = Math.min(wantedParts(m, n, k, parallelism), ceilDiv(m, MR));
        parallelism.run(parts, part -> {
            int rowStart = split(m, MR, parts, part);
            int rowEnd = split(m, MR, parts, part + 1);
            for (int j = 0; j < n; j++) {
                multiplyColumn(rowStart, rowEnd, j, k, a, aOffset, lda, rows, c, cOffset, ldc, accumulate, epilogue);
            }
        });
    }

    /** Threads worth using for a product of this size. */
    private static int wantedParts(int m, int n, int k, Parallelism parallelism) {
        long flops = 2L * m * n * k;
        return (int) Math.max(1, Math.min(parallelism.threads(), flops / MIN_FLOPS_PER_THREAD));
    }

    private static void checkBias(int m, Epilogue epilogue) {
        if (epilogue.rowBias() != null && m > 0 && epilogue.biasOffset() + m > epilogue.rowBias().length) {
            throw new IllegalArgumentException("row bias shorter than m = " + m);
        }
    }

    /** {@code C = epilogue((accumulate ? C : 0) + A·B)} with A packed by {@link #pack}; B as in the other forms. */
    public static void multiply(PackedA a, int n,
                                float[] b, int bOffset, int ldb,
                                float[] c, int cOffset, int ldc,
                                boolean accumulate, Epilogue epilogue, Parallelism parallelism) {
        checkMatrix("B", b, bOffset, a.k, n, ldb);
        multiply(a, n, new Rows(b, bOffset, ldb, null), c, cOffset, ldc, accumulate, epilogue, parallelism);
    }

    /**
     * As {@link #multiply(PackedA, int, float[], int, int, float[], int, int, boolean, Epilogue, Parallelism)},
     * with row p of B starting anywhere: at {@code b[bOffset + bRowOffsets[p]]}. A convolution reads its filter
     * taps this way straight from a padded input, with no im2col copy.
     */
    public static void multiplyRows(PackedA a, int n,
                                    float[] b, int bOffset, int[] bRowOffsets,
                                    float[] c, int cOffset, int ldc,
                                    boolean accumulate, Epilogue epilogue, Parallelism parallelism) {
        for (int p = 0; p < a.k; p++) {
            checkMatrix("B row " + p, b, bOffset + bRowOffsets[p], 1, n, n);
        }
        multiply(a, n, new Rows(b, bOffset, 0, bRowOffsets), c, cOffset, ldc, accumulate, epilogue, parallelism);
    }

    /**
     * A matrix A ({@code m×k}) copied into the micro-kernel's order. Per K block (the blocks {@link #kBlock}
     * cuts), per tile of MR rows, the tile's MR values of each k are adjacent: the micro-kernel's four broadcasts
     * per step read one 16-byte run, and its index arithmetic is one running offset (reading four rows of A in place costs four
     * offsets whose bounds checks C2 keeps in the loop). Rows past m in the last tile are zero.
     */
    public static final class PackedA {
        private final int m;
        private final int k;
        private final float[] packed;

        private PackedA(int m, int k, float[] packed) {
            this.m = m;
            this.k = k;
            this.packed = packed;
        }

        public int rows() {
            return m;
        }

        /** Floats the packed copy holds. */
        public long packedFloats() {
            return packed.length;
        }

        /** Where the packed tile starting at row {@code row} (a multiple of MR) of the K block at {@code pc} starts. */
        int tile(int pc, int kc, int row) {
            return pc * ceilDiv(m, MR) * MR + row * kc;
        }
    }

    /** Floats of a packed {@code m×k} matrix: its rows rounded up to whole tiles. */
    public static long packedFloats(int m, int k) {
        return (long) ceilDiv(m, MR) * MR * k;
    }

    /** Packs A ({@code m×k}, row-major with distance {@code lda} between rows) for {@link #multiply}. */
    public static PackedA pack(int m, int k, float[] a, int aOffset, int lda) {
        checkMatrix("A", a, aOffset, m, k, lda);
        float[] packed = new float[Math.toIntExact(packedFloats(m, k))];
        PackedA result = new PackedA(m, k, packed);
        int kBlock = kBlock(k);
        for (int pc = 0; pc < k; pc += kBlock) {
            int kc = Math.min(kBlock, k - pc);
            for (int row = 0; row < m; row++) {
                int dst = result.tile(pc, kc, row - row % MR) + row % MR;
                int src = aOffset + row * lda + pc;
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR] = a[src + p];
                }
            }
        }
        return result;
    }

    /** Length of the K blocks: equal blocks of at most KC (a short trailing block would pay the per-tile store
     *  cost for little work). */
    private static int kBlock(int k) {
        return k == 0 ? 0 : ceilDiv(k, ceilDiv(k, KC));
    }

    /** Where the rows of B are: row p starts at {@code offset + p * stride}, or at {@code offset + starts[p]}. */
    private record Rows(float[] data, int offset, int stride, int[] starts) {
        int start(int p) {
            return starts == null ? offset + p * stride : offset + starts[p];
        }
    }

    private static void multiply(PackedA a, int n, Rows b, float[] c, int cOffset, int ldc,
                                 boolean accumulate, Epilogue epilogue, Parallelism parallelism) {
        int m = a.m;
        int k = a.k;
        checkMatrix("C", c, cOffset, m, n, ldc);
        checkBias(m, epilogue);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            finishWithoutProduct(m, n, c, cOffset, ldc, accumulate, epilogue);
            return;
        }
        int wantedParts = wantedParts(m, n, k, parallelism);
        int rowTiles = ceilDiv(m, MR);
        int colTiles = ceilDiv(n, NR);
        if (wantedParts > 1 && (colTiles >= rowTiles || colTiles >= 4 * wantedParts)) {
            // Column chunks handed out as threads finish; each packs only its own columns of B.
            int chunks = Math.min(colTiles, CHUNKS_PER_THREAD * wantedParts);
            parallelism.run(chunks, chunk -> multiplyRange(0, m,
                    split(n, NR, chunks, chunk), split(n, NR, chunks, chunk + 1), a, b, c, cOffset, ldc,
                    accumulate, epilogue));
        } else {
            // One fixed run of rows per thread: every run packs all of B, so more runs would repeat that work.
            int parts = Math.min(wantedParts, rowTiles);
            parallelism.run(parts, part -> multiplyRange(split(m, MR, parts, part), split(m, MR, parts, part + 1),
                    0, n, a, b, c, cOffset, ldc, accumulate, epilogue));
        }
    }

    /** Boundary of part {@code part} when {@code extent} is cut into {@code parts} runs of whole tiles. */
    private static int split(int extent, int tile, int parts, int part) {
        int tiles = ceilDiv(extent, tile);
        return Math.min(extent, (int) ((long) tiles * part / parts) * tile);
    }

    private static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, PackedA a,
                                      Rows b, float[] c, int cOffset, int ldc,
                                      boolean accumulate, Epilogue epilogue) {
        int k = a.k;
        float[] packedB = PACKED_B.floats(KC * NC);
        float[] edgeTile = EDGE_TILE.floats(MR * NR);
        Epilogue finish = epilogue.isIdentity() ? null : epilogue;
        int kBlock = kBlock(k);
        for (int jc = colStart; jc < colEnd; jc += NC) {
            int nc = Math.min(NC, colEnd - jc);
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                boolean loadC = accumulate || pc > 0;
                Epilogue finishHere = pc + kc == k ? finish : null;
                packB(b, pc, jc, kc, nc, packedB);
                for (int ic = rowStart; ic < rowEnd; ic += MC) {
                    int mc = Math.min(MC, rowEnd - ic);
                    // The B micro-panel (kc×NR) outer so it stays in L1 while the rows of A stream past it from L2.
                    // With a short K block, though, a tile is stored after only a few FMAs, and storing C is what
                    // costs: then the row tile goes outer, so C is written as MR long sequential streams that the
                    // prefetcher follows, while the small panels stream from L2. The other order writes MR·NR floats
                    // into each of all mc rows in turn, and when C is not in cache (a large pointwise output) every
                    // such short run waits for its own lines from memory.
                    boolean rowsInner = kc > SHORT_K;
                    int rowTiles = ceilDiv(mc, MR);
                    int colTiles = ceilDiv(nc, NR);
                    for (int t = 0; t < rowTiles * colTiles; t++) {
                        int jr = (rowsInner ? t / rowTiles : t % colTiles) * NR;
                        int ir = (rowsInner ? t % rowTiles : t / colTiles) * MR;
                        int cols = Math.min(NR, nc - jr);
                        int rows = Math.min(MR, mc - ir);
                        microKernel(a.packed, a.tile(pc, kc, ic + ir),
                                packedB, jr * kc, kc,
                                c, cOffset + (ic + ir) * ldc + jc + jr, ldc, rows, cols, loadC, finishHere,
                                ic + ir, edgeTile);
                    }
                }
            }
        }
    }

    /**
     * Copies the {@code kc×nc} block of B at row {@code pc}, column {@code jc} into panels of NR columns, each
     * k-major, zero-padding the last panel.
     */
    private static void packB(Rows rows, int pc, int jc, int kc, int nc, float[] packed) {
        float[] b = rows.data();
        for (int jr = 0; jr < nc; jr += NR) {
            int panel = jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = rows.start(pc + p) + jc + jr;
                    int dst = panel + p * NR;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(packed, dst);
                    FloatVector.fromArray(SPECIES, b, src + VL).intoArray(packed, dst + VL);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = rows.start(pc + p) + jc + jr;
                    int dst = panel + p * NR;
                    System.arraycopy(b, src, packed, dst, cols);
                    Arrays.fill(packed, dst + cols, dst + NR, 0f);
                }
            }
        }
    }

    /**
     * One MR×NR tile of C over one K block: {@code C (+)= A·B}, finished with {@code finish} if not null (the last
     * K block). The eight accumulators are locals so C2 keeps them in registers; the loop body is two vector
     * loads, four broadcasts and eight FMAs.
     *
     * <p>The common case, a full tile overwriting C, is stored straight from the registers. Everything else
     * (adding to C, edge tiles, the epilogue) happens in separate small methods reading the tile back from L1:
     * that costs a few loads per tile, but keeps this method small enough for C2 to inline all of its vector
     * operations (past its node budget it stops inlining, and every vector handed to a call is boxed).
     */
    private static void microKernel(float[] a, int aTile,
                                    float[] packedB, int bPanel, int kc,
                                    float[] c, int cTile, int ldc, int rows, int cols,
                                    boolean loadC, Epilogue finish, int firstRow, float[] edgeTile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bIndex = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bIndex);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bIndex + VL);
            int aIndex = aTile + p * MR;
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[aIndex]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[aIndex + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[aIndex + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[aIndex + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        boolean direct = rows == MR && cols == NR && !loadC;
        float[] out = direct ? c : edgeTile;
        int at = direct ? cTile : 0;
        int stride = direct ? ldc : NR;
        c00.intoArray(out, at);
        c01.intoArray(out, at + VL);
        c10.intoArray(out, at + stride);
        c11.intoArray(out, at + stride + VL);
        c20.intoArray(out, at + 2 * stride);
        c21.intoArray(out, at + 2 * stride + VL);
        c30.intoArray(out, at + 3 * stride);
        c31.intoArray(out, at + 3 * stride + VL);
        if (!direct) {
            storeEdgeTile(edgeTile, c, cTile, ldc, rows, cols, loadC, finish, firstRow);
        } else if (finish != null) {
            finishInPlace(c, cTile, ldc, finish, firstRow);
        }
    }

    /** Applies {@code finish} to a full MR×NR tile of C that already holds its sums (still in L1). */
    private static void finishInPlace(float[] c, int cTile, int ldc, Epilogue finish, int firstRow) {
        FusedActivation activation = finish.activation();
        for (int r = 0; r < MR; r++) {
            float bias = finish.bias(firstRow + r);
            for (int j = 0; j < NR; j += VL) {
                int at = cTile + r * ldc + j;
                activation.apply(FloatVector.fromArray(SPECIES, c, at).add(bias)).intoArray(c, at);
            }
        }
    }

    /**
     * Writes the valid {@code rows×cols} corner of a row-major MR×NR tile into C: plus C's old value if
     * {@code loadC}, then {@code finish} if not null; whole vectors where possible, the rest lane by lane.
     */
    private static void storeEdgeTile(float[] tile, float[] c, int cTile, int ldc, int rows, int cols,
                                      boolean loadC, Epilogue finish, int firstRow) {
        FusedActivation activation = finish == null ? FusedActivation.NONE : finish.activation();
        int vectorCols = cols - cols % VL;
        for (int r = 0; r < rows; r++) {
            int out = cTile + r * ldc;
            int in = r * NR;
            float bias = finish == null ? 0f : finish.bias(firstRow + r);
            for (int j = 0; j < vectorCols; j += VL) {
                FloatVector sum = FloatVector.fromArray(SPECIES, tile, in + j).add(bias);
                if (loadC) {
                    sum = sum.add(FloatVector.fromArray(SPECIES, c, out + j));
                }
                activation.apply(sum).intoArray(c, out + j);
            }
            for (int j = vectorCols; j < cols; j++) {
                c[out + j] = activation.apply(tile[in + j] + bias + (loadC ? c[out + j] : 0f));
            }
        }
    }

    /** Column {@code j} of C as dot products of rows of A with column j of B, vectorized along K. */
    private static void multiplyColumn(int rowStart, int rowEnd, int j, int k,
                                       float[] a, int aOffset, int lda,
                                       Rows b, float[] c, int cOffset, int ldc,
                                       boolean accumulate, Epilogue epilogue) {
        float[] column = COLUMN.floats(k);
        for (int p = 0; p < k; p++) {
            column[p] = b.data()[b.start(p) + j];
        }
        int vectorEnd = SPECIES.loopBound(k);
        for (int i = rowStart; i < rowEnd; i++) {
            int row = aOffset + i * lda;
            FloatVector sum0 = FloatVector.zero(SPECIES);
            FloatVector sum1 = FloatVector.zero(SPECIES);
            int p = 0;
            // Two accumulators hide FMA latency; a single chain would run at a quarter of the FMA rate.
            for (; p + VL < vectorEnd; p += 2 * VL) {
                sum0 = FloatVector.fromArray(SPECIES, a, row + p).fma(FloatVector.fromArray(SPECIES, column, p), sum0);
                sum1 = FloatVector.fromArray(SPECIES, a, row + p + VL)
                        .fma(FloatVector.fromArray(SPECIES, column, p + VL), sum1);
            }
            for (; p < vectorEnd; p += VL) {
                sum0 = FloatVector.fromArray(SPECIES, a, row + p).fma(FloatVector.fromArray(SPECIES, column, p), sum0);
            }
            float sum = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
            for (; p < k; p++) {
                sum += a[row + p] * column[p];
            }
            int out = cOffset + i * ldc + j;
            if (accumulate) {
                sum += c[out];
            }
            c[out] = epilogue.activation().apply(sum + epilogue.bias(i));
        }
    }

    private static void finishWithoutProduct(int m, int n, float[] c, int cOffset, int ldc,
                                             boolean accumulate, Epilogue epilogue) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int out = cOffset + i * ldc + j;
                c[out] = epilogue.activation().apply((accumulate ? c[out] : 0f) + epilogue.bias(i));
            }
        }
    }

    private static void checkMatrix(String name, float[] data, int offset, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + " has negative size " + rows + "×" + cols);
        }
        if (ld < cols) {
            throw new IllegalArgumentException(name + " leading dimension " + ld + " < " + cols + " columns");
        }
        if (rows > 0 && cols > 0 && (offset < 0 || offset + (long) (rows - 1) * ld + cols > data.length)) {
            throw new IllegalArgumentException(name + " (" + rows + "×" + cols + ", ld " + ld + ", offset "
                    + offset + ") does not fit in an array of " + data.length);
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
