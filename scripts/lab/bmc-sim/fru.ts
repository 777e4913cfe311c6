/**
 * IPMI FRU data (Platform Management FRU Information Storage Definition v1.0) for a simulated BMC:
 * a common header, a chassis, a board and a product area, each field 8-bit ASCII. ipmi_sim serves
 * it for `ipmitool fru print 0`, which is what the IPMI inspection reads.
 */

/** What a simulated node's FRU says. */
export interface FruInfo {
  readonly manufacturer: string;
  readonly product: string;
  readonly partNumber: string;
  readonly serial: string;
  readonly chassisSerial: string;
  readonly chassisPartNumber: string;
}

/** The FRU image: header, chassis (rack mount), board and product areas. */
export function fruImage(info: FruInfo): number[] {
  const chassis = area([0x17, ...field(info.chassisPartNumber), ...field(info.chassisSerial)]);
  // Board: language 0 (English), manufacturing date 0 (unspecified).
  const board = area([
    0x00,
    0x00,
    0x00,
    0x00,
    ...field(info.manufacturer),
    ...field(info.product),
    ...field(info.serial),
    ...field(info.partNumber),
    ...field(""),
  ]);
  const product = area([
    0x00,
    ...field(info.manufacturer),
    ...field(info.product),
    ...field(info.partNumber),
    ...field("1.0"),
    ...field(info.serial),
    ...field(""),
    ...field(""),
  ]);
  const chassisAt = 1;
  const boardAt = chassisAt + chassis.length / 8;
  const productAt = boardAt + board.length / 8;
  const header = [0x01, 0x00, chassisAt, boardAt, productAt, 0x00, 0x00];
  return [...header, checksum(header), ...chassis, ...board, ...product];
}

/** ipmi_sim's command that loads `image` as FRU device 0 of the BMC at 0x20. */
export function fruCommand(image: readonly number[]): string {
  return `mc_add_fru_data 0x20 0 ${image.length} data ${image.map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ")}`;
}

/** One type/length byte (8-bit ASCII) and the text. */
function field(text: string): number[] {
  const bytes = [...Buffer.from(text.slice(0, 63), "latin1")];
  return [0xc0 | bytes.length, ...bytes];
}

/** An area: version, length in 8-byte units, the fields, end marker 0xC1, padding, zero checksum. */
function area(fields: readonly number[]): number[] {
  const body = [0x01, 0x00, ...fields, 0xc1];
  while ((body.length + 1) % 8 !== 0) body.push(0x00);
  body[1] = (body.length + 1) / 8;
  return [...body, checksum(body)];
}

function checksum(bytes: readonly number[]): number {
  return (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
}
