// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Row buffer of a convolution read one window position at a time (FINN's sliding window unit with SIMD = the
// channels of one pixel): no window register. The last R rows of the image are kept in block RAM (row y in slot
// y mod R); the reader walks the output positions, asks for position (ky, kx) of the current one and gets the
// pixel one cycle later, zero on the padding. A row is written once the rows it replaces are no longer needed;
// an output position is offered once every pixel of its window is written. One image at a time: the writer starts
// the next image once the reader is done with this one.
module d4j_rows #(
    parameter H  = 4,
    parameter W  = 4,
    parameter CB = 8,
    parameter KH = 3,
    parameter KW = 3,
    parameter S  = 1,
    parameter P  = 1,
    parameter R  = 4      // a power of two, at least KH + S
) (
    input  wire                       clk,
    input  wire                       rst,
    input  wire                       in_valid,
    output wire                       in_ready,
    input  wire [CB-1:0]              in_data,
    output wire                       avail,   // the current output position can be read
    input  wire                       next,    // done with it: go to the next output position
    input  wire                       rd_en,
    input  wire [$clog2(KH+1)-1:0]    ky,
    input  wire [$clog2(KW+1)-1:0]    kx,
    output wire [CB-1:0]              rd_data  // position (ky, kx) of the current output, one cycle after rd_en
);
    localparam KYW = $clog2(KH + 1);
    localparam KXW = $clog2(KW + 1);
    localparam OH = (H + 2 * P - KH) / S + 1;
    localparam OW = (W + 2 * P - KW) / S + 1;
    localparam YW = $clog2(H + 2 * P + R + 1);
    localparam XW = $clog2(W + 2 * P + KW + 1);
    localparam SB = $clog2(R);
    localparam AB = W > 1 ? $clog2(W) : 1;
    localparam [31:0] H32 = H, P32 = P, S32 = S, R32 = R, KH1_32 = KH - 1, KW1_32 = KW - 1,
                      HP_LAST32 = H - 1 + P, WP_LAST32 = W - 1 + P, PH32 = P + H, PW32 = P + W,
                      OY_LAST32 = (OH - 1) * S, OX_LAST32 = (OW - 1) * S, W_LAST32 = W - 1;
    localparam [YW-1:0] Y_H = H32[YW-1:0], Y_P = P32[YW-1:0], Y_S = S32[YW-1:0], Y_R = R32[YW-1:0],
                        Y_K1 = KH1_32[YW-1:0], Y_LASTP = HP_LAST32[YW-1:0], Y_END = PH32[YW-1:0],
                        Y_OLAST = OY_LAST32[YW-1:0];
    localparam [XW-1:0] X_P = P32[XW-1:0], X_S = S32[XW-1:0], X_K1 = KW1_32[XW-1:0], X_LASTP = WP_LAST32[XW-1:0],
                        X_END = PW32[XW-1:0], X_OLAST = OX_LAST32[XW-1:0], X_WLAST = W_LAST32[XW-1:0];

    reg [YW-1:0] wy;         // next pixel to write; wy == H: the image is written
    reg [XW-1:0] wx;
    reg [YW-1:0] oys;        // top-left corner of the current output's window, padded coordinates
    reg [XW-1:0] oxs;
    reg          done;       // every output of this image has been read
    reg [CB-1:0] mem [0:(1 << (SB + AB)) - 1];
    reg [CB-1:0] q;
    reg          q_pad;

    wire full = wy == Y_H;
    wire room = done || wy + Y_P < oys + Y_R;
    assign in_ready = !full && room;
    wire write = in_valid && in_ready;

    wire [YW-1:0] bottom = oys + Y_K1;
    wire [XW-1:0] right = oxs + X_K1;
    wire [YW-1:0] need_y = bottom > Y_LASTP ? Y_LASTP : bottom;
    wire [XW-1:0] need_x = right > X_LASTP ? X_LASTP : right;
    wire [YW-1:0] wyp = wy + Y_P;
    wire [XW-1:0] wxp = wx + X_P;
    assign avail = !done && (wyp > need_y || (wyp == need_y && wxp > need_x));

    wire [YW-1:0] py = oys + {{(YW - KYW){1'b0}}, ky};
    wire [XW-1:0] px = oxs + {{(XW - KXW){1'b0}}, kx};
    wire [SB-1:0] iy = py[SB-1:0] - Y_P[SB-1:0];   // row mod R
    wire [AB-1:0] ix = px[AB-1:0] - X_P[AB-1:0];
    wire pad;
    generate
        if (P > 0) begin : g_pad
            assign pad = py < Y_P || py >= Y_END || px < X_P || px >= X_END;
        end else begin : g_nopad
            assign pad = py >= Y_END || px >= X_END;
        end
    endgenerate
    assign rd_data = q_pad ? {CB{1'b0}} : q;

    always @(posedge clk) begin
        if (write) mem[{wy[SB-1:0], wx[AB-1:0]}] <= in_data;
        if (rd_en) begin
            q <= mem[{iy, ix}];
            q_pad <= pad;
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            wy <= {YW{1'b0}};
            wx <= {XW{1'b0}};
            oys <= {YW{1'b0}};
            oxs <= {XW{1'b0}};
            done <= 1'b0;
        end else if (done && full) begin
            // the next image
            wy <= {YW{1'b0}};
            wx <= {XW{1'b0}};
            oys <= {YW{1'b0}};
            oxs <= {XW{1'b0}};
            done <= 1'b0;
        end else begin
            if (write) begin
                wx <= wx == X_WLAST ? {XW{1'b0}} : wx + 1'b1;
                if (wx == X_WLAST) wy <= wy + 1'b1;
            end
            if (next) begin
                if (oxs == X_OLAST) begin
                    if (oys == Y_OLAST) done <= 1'b1;
                    else begin
                        oxs <= {XW{1'b0}};
                        oys <= oys + Y_S;
                    end
                end else begin
                    oxs <= oxs + X_S;
                end
            end
        end
    end
endmodule
