package org.trustgov.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree against the RFC 6962 reference vectors (the eight leaves of Certificate Transparency's tests, as in
 * transparency-dev/merkle's test data and C2SP's merkle-tree.md), and against a naive recomputation straight from
 * RFC 6962's definitions on randomised trees, proofs included; a changed proof, root, index or size is refused.
 */
public class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> LEAVES = List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> leafHashes(List<byte[]> entries) {
        return entries.stream().map(MerkleTree::leafHash).toList();
    }

    /** Complete subtrees computed naively from the leaf hashes (what a store would have kept). */
    public static MerkleTree.Subtrees subtrees(List<byte[]> leafHashes) {
        return (level, index) -> naiveRoot(leafHashes.subList((int) (index << level), (int) ((index + 1) << level)));
    }

    // RFC 6962 §2.1, word for word, on lists.
    private static byte[] naiveRoot(List<byte[]> d) {
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return MerkleTree.nodeHash(naiveRoot(d.subList(0, k)), naiveRoot(d.subList(k, d.size())));
    }

    private static List<byte[]> naivePath(int m, List<byte[]> d) {
        List<byte[]> path = new ArrayList<>();
        if (d.size() > 1) {
            int k = Integer.highestOneBit(d.size() - 1);
            if (m < k) {
                path.addAll(naivePath(m, d.subList(0, k)));
                path.add(naiveRoot(d.subList(k, d.size())));
            } else {
                path.addAll(naivePath(m - k, d.subList(k, d.size())));
                path.add(naiveRoot(d.subList(0, k)));
            }
        }
        return path;
    }

    private static List<byte[]> naiveSubproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> proof = new ArrayList<>();
        if (m == d.size()) {
            if (!b) {
                proof.add(naiveRoot(d));
            }
            return proof;
        }
        int k = Integer.highestOneBit(d.size() - 1);
        if (m <= k) {
            proof.addAll(naiveSubproof(m, d.subList(0, k), b));
            proof.add(naiveRoot(d.subList(k, d.size())));
        } else {
            proof.addAll(naiveSubproof(m - k, d.subList(k, d.size()), false));
            proof.add(naiveRoot(d.subList(0, k)));
        }
        return proof;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void theRootsOfEveryPrefixMatchTheReferenceTreeAndTheEmptyTreeIsTheHashOfNothing() {
        MerkleTree.Subtrees tree = subtrees(leafHashes(LEAVES));

        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(MerkleTree.root(tree, size)))
                    .as("size %d", size)
                    .isEqualTo(ROOTS.get(size - 1));
        }
        assertThat(HEX.formatHex(MerkleTree.root(tree, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theReusableHasherGivesTheReferenceRootAndTheSameHashesAsTheStaticOnes() {
        MerkleTree.Hasher hasher = new MerkleTree.Hasher();
        List<byte[]> leaves = LEAVES.stream().map(hasher::leaf).toList();
        assertThat(hex(leaves)).isEqualTo(hex(leafHashes(LEAVES)));
        // The reference tree of eight leaves, pairwise with the one hasher: its root is the reference root.
        List<byte[]> level = leaves;
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                up.add(hasher.node(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        assertThat(HEX.formatHex(level.get(0))).isEqualTo(ROOTS.get(7));
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 1_000; i++) {
            byte[] a = new byte[random.nextInt(70)];
            byte[] b = new byte[32];
            random.nextBytes(a);
            random.nextBytes(b);
            assertThat(hasher.leaf(a)).isEqualTo(MerkleTree.leafHash(a));
            assertThat(hasher.node(a, b)).isEqualTo(MerkleTree.nodeHash(a, b));
        }
    }

    @Test
    void inclusionProofsMatchTheReferenceProofsAndVerify() {
        MerkleTree.Subtrees tree = subtrees(leafHashes(LEAVES));

        assertThat(hex(MerkleTree.inclusionProof(tree, 0, 1))).isEmpty();
        assertThat(hex(MerkleTree.inclusionProof(tree, 0, 8)))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleTree.inclusionProof(tree, 5, 8)))
                .containsExactly(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(MerkleTree.inclusionProof(tree, 2, 3)))
                .containsExactly("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(hex(MerkleTree.inclusionProof(tree, 1, 5)))
                .containsExactly(
                        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(MerkleTree.verifyInclusion(
                        MerkleTree.leafHash(LEAVES.get(5)),
                        5,
                        8,
                        MerkleTree.inclusionProof(tree, 5, 8),
                        HEX.parseHex(ROOTS.get(7))))
                .isTrue();
    }

    @Test
    void consistencyProofsMatchTheReferenceProofsAndVerify() {
        MerkleTree.Subtrees tree = subtrees(leafHashes(LEAVES));

        assertThat(hex(MerkleTree.consistencyProof(tree, 1, 1))).isEmpty();
        assertThat(hex(MerkleTree.consistencyProof(tree, 1, 8)))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleTree.consistencyProof(tree, 6, 8)))
                .containsExactly(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(MerkleTree.consistencyProof(tree, 2, 5)))
                .containsExactly(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(MerkleTree.verifyConsistency(
                        6,
                        8,
                        HEX.parseHex(ROOTS.get(5)),
                        HEX.parseHex(ROOTS.get(7)),
                        MerkleTree.consistencyProof(tree, 6, 8)))
                .isTrue();
    }

    @Test
    void randomisedTreesAgreeWithTheDefinitionsAndEveryProofVerifiesWhileAnyChangeIsRefused() {
        Random random = new Random(20261202);
        for (int round = 0; round < 40; round++) {
            int size = 1 + random.nextInt(300);
            List<byte[]> entries = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] entry = new byte[random.nextInt(40)];
                random.nextBytes(entry);
                entries.add(entry);
            }
            List<byte[]> hashes = leafHashes(entries);
            MerkleTree.Subtrees tree = subtrees(hashes);
            byte[] root = MerkleTree.root(tree, size);
            assertThat(root).isEqualTo(naiveRoot(hashes));

            int index = random.nextInt(size);
            List<byte[]> path = MerkleTree.inclusionProof(tree, index, size);
            assertThat(hex(path)).isEqualTo(hex(naivePath(index, hashes)));
            assertThat(MerkleTree.verifyInclusion(hashes.get(index), index, size, path, root))
                    .isTrue();
            byte[] otherRoot = root.clone();
            otherRoot[0] ^= 1;
            assertThat(MerkleTree.verifyInclusion(hashes.get(index), index, size, path, otherRoot))
                    .isFalse();
            assertThat(MerkleTree.verifyInclusion(hashes.get(index), size, size, path, root))
                    .as("past the end")
                    .isFalse();
            if (size > 1) {
                assertThat(MerkleTree.verifyInclusion(hashes.get(index), (index + 1) % size, size, path, root))
                        .isFalse();
                List<byte[]> tampered = new ArrayList<>(path);
                byte[] changed = tampered.get(0).clone();
                changed[0] ^= 1;
                tampered.set(0, changed);
                assertThat(MerkleTree.verifyInclusion(hashes.get(index), index, size, tampered, root))
                        .isFalse();
            }

            int first = 1 + random.nextInt(size);
            List<byte[]> consistency = MerkleTree.consistencyProof(tree, first, size);
            byte[] firstRoot = MerkleTree.root(tree, first);
            assertThat(hex(consistency)).isEqualTo(first == size ? List.of() : hex(naiveSubproof(first, hashes, true)));
            assertThat(MerkleTree.verifyConsistency(first, size, firstRoot, root, consistency))
                    .isTrue();
            if (first < size) {
                byte[] rewritten = firstRoot.clone();
                rewritten[31] ^= 1;
                assertThat(MerkleTree.verifyConsistency(first, size, rewritten, root, consistency))
                        .as("a rewritten history is not consistent")
                        .isFalse();
                assertThat(MerkleTree.verifyConsistency(
                                first, size, firstRoot, root, consistency.subList(1, consistency.size())))
                        .isFalse();
            }
        }
    }
}
