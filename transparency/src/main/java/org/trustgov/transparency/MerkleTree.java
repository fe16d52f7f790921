package org.trustgov.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 / RFC 9162 (§2.1) over the audit log: leaves are {@code SHA-256(0x00 || entry)},
 * interior nodes {@code SHA-256(0x01 || left || right)}, and a tree of {@code n} leaves splits at the largest power of
 * two below {@code n}. Roots and proofs are computed from the hashes of <em>complete</em> subtrees only (a
 * subtree of {@code 2^level} leaves starting at {@code index * 2^level}), which a store can keep once written
 * and never change, so a root or a proof for any size costs O(log n) lookups, never a read of every leaf.
 * The verifications are RFC 9162's algorithms (§2.1.3.2, §2.1.4.2), the same ones an auditor's offline verifier runs.
 */
public final class MerkleTree {

    /** The hash of one complete subtree: {@code 2^level} leaves from leaf {@code index * 2^level} on. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(int level, long index);
    }

    private MerkleTree() {}

    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /**
     * Leaf and node hashes (the same as {@link #leafHash} and {@link #nodeHash}) from one digest kept for the next
     * hash: for a million in a row, on one thread (not thread-safe).
     */
    public static final class Hasher {

        private final MessageDigest sha256 = sha256();

        public byte[] leaf(byte[] entry) {
            sha256.update((byte) 0x00);
            return sha256.digest(entry);
        }

        public byte[] node(byte[] left, byte[] right) {
            sha256.update((byte) 0x01);
            sha256.update(left);
            return sha256.digest(right);
        }
    }

    /** The root of the first {@code size} leaves; the empty tree's root is SHA-256 of nothing. */
    public static byte[] root(Subtrees subtrees, long size) {
        requireNonNegative(size, "size");
        return size == 0 ? sha256().digest() : hash(subtrees, 0, size);
    }

    /** RFC 6962 PATH(index, D[size]): the siblings from the leaf up to the root, the leaf's own first. */
    public static List<byte[]> inclusionProof(Subtrees subtrees, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(subtrees, index, 0, size, proof);
        return proof;
    }

    /** RFC 6962 PROOF(first, D[size]): what shows the tree of {@code first} leaves is a prefix of the tree of {@code size}. */
    public static List<byte[]> consistencyProof(Subtrees subtrees, long first, long size) {
        if (first < 0 || first > size) {
            throw new IllegalArgumentException("a tree of " + first + " cannot be a prefix of a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < size) {
            subproof(subtrees, first, 0, size, true, proof);
        }
        return proof;
    }

    /** RFC 9162 §2.1.3.2: does {@code proof} place {@code leafHash} at {@code index} in the tree of {@code size} with {@code root}? */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && java.util.Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2: does {@code proof} show the tree of {@code first} with {@code firstRoot} is a prefix of the tree of {@code size} with {@code root}? */
    public static boolean verifyConsistency(long first, long size, byte[] firstRoot, byte[] root, List<byte[]> proof) {
        if (first < 0 || first > size) {
            return false;
        }
        if (first == size) {
            return proof.isEmpty() && java.util.Arrays.equals(firstRoot, root);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = size - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && java.util.Arrays.equals(fr, firstRoot) && java.util.Arrays.equals(sr, root);
    }

    /** MTH(D[from:to]); every left part of the split is a complete, aligned subtree. */
    private static byte[] hash(Subtrees subtrees, long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return subtrees.hash(level, from >>> level);
        }
        long k = split(n);
        return nodeHash(hash(subtrees, from, from + k), hash(subtrees, from + k, to));
    }

    private static void path(Subtrees subtrees, long index, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (index - from < k) {
            path(subtrees, index, from, from + k, proof);
            proof.add(hash(subtrees, from + k, to));
        } else {
            path(subtrees, index, from + k, to, proof);
            proof.add(hash(subtrees, from, from + k));
        }
    }

    private static void subproof(Subtrees subtrees, long first, long from, long to, boolean whole, List<byte[]> proof) {
        long n = to - from;
        if (first == n) {
            if (!whole) {
                proof.add(hash(subtrees, from, to));
            }
            return;
        }
        long k = split(n);
        if (first <= k) {
            subproof(subtrees, first, from, from + k, whole, proof);
            proof.add(hash(subtrees, from + k, to));
        } else {
            subproof(subtrees, first - k, from + k, to, false, proof);
            proof.add(hash(subtrees, from, from + k));
        }
    }

    /** The largest power of two smaller than {@code n} (n ≥ 2). */
    private static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
