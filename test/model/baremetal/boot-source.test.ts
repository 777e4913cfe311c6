/** The rules of an image URL, and the boot source of a spec: pure, no inventory file. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { bootSourceOfSpec, imageUrlProblem, siteImageUrlProblem } from "../../../model/baremetal/boot-source";
import { formatAddress } from "../../../model/ipv4";

const RANGES = ["10.0.0.0/20", "10.1.0.0/20"];

describe("model: boot source and image URLs", () => {
  it("accepts https:// anywhere and http:// to an address on the management ranges", () => {
    assert.equal(imageUrlProblem("https://images.example/gpu-worker.iso"), undefined);
    assert.equal(siteImageUrlProblem("https://images.example/gpu-worker.iso", RANGES), undefined);
    assert.equal(siteImageUrlProblem("http://10.1.15.255:8080/x.iso", RANGES), undefined);
  });

  it("refuses other schemes, relative URLs, URLs without a host and credentials, with why", () => {
    assert.equal(imageUrlProblem("tftp://10.0.0.1/x"), '"tftp://10.0.0.1/x" should be an https:// or http:// URL, not tftp://');
    assert.equal(imageUrlProblem("/images/x.iso"), '"/images/x.iso" is not a URL');
    assert.equal(
      imageUrlProblem("https://:pw@images.example/x.iso"),
      "the URL should not carry credentials (they would be stored in plaintext); serve the image without them",
    );
    assert.equal(
      siteImageUrlProblem("http://images.example/x.iso", RANGES),
      "plain http:// is allowed only to an address on the site's management ranges (10.0.0.0/20, 10.1.0.0/20); images.example is not: use https://",
    );
  });

  it("accepts plain http:// exactly for the addresses of the management ranges (property)", () => {
    fc.assert(
      // Addresses anywhere, and near and inside the two ranges, where the edges are.
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0x0a000000 - 16, max: 0x0a011000 + 16 })), (n) => {
        const inside = (n >= 0x0a000000 && n <= 0x0a000fff) || (n >= 0x0a010000 && n <= 0x0a010fff);
        return (siteImageUrlProblem(`http://${formatAddress(n)}/x.iso`, RANGES) === undefined) === inside;
      }),
    );
  });

  it("makes the boot source of each kind of spec", () => {
    assert.deepEqual(bootSourceOfSpec({ kind: "pxe" }), { kind: "pxe" });
    assert.deepEqual(bootSourceOfSpec({ kind: "uefi-http" }), { kind: "uefi-http" });
    assert.deepEqual(bootSourceOfSpec({ kind: "uefi-http", url: "https://b.example/x.efi" }), { kind: "uefi-http", url: "https://b.example/x.efi" });
    assert.deepEqual(bootSourceOfSpec({ kind: "virtual-media", imageUrl: "https://b.example/x.iso" }), {
      kind: "virtual-media",
      imageUrl: "https://b.example/x.iso",
    });
  });
});
