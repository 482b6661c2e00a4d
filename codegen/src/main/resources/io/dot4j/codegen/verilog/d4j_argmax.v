// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// The class: index of the largest of N signed SW-bit scores, the lowest index on ties, one score per cycle.
module d4j_argmax #(
    parameter N  = 10,
    parameter SW = 16,
    parameter CW = 4
) (
    input  wire            clk,
    input  wire            rst,
    input  wire            in_valid,
    output wire            in_ready,
    input  wire [N*SW-1:0] in_data,
    output reg             out_valid,
    input  wire            out_ready,
    output reg  [CW-1:0]   out_class,
    output reg  [N*SW-1:0] out_scores
);
    localparam [31:0] LAST32 = N - 1;
    localparam [CW-1:0] LAST = LAST32[CW-1:0];
    reg          busy;
    reg [CW-1:0] index;
    reg [SW-1:0] best;
    reg [SW-1:0] current;
    integer k;
    always @* begin
        current = out_scores[SW-1:0];
        for (k = 1; k < N; k = k + 1) begin
            if (index == k[CW-1:0]) current = out_scores[k*SW +: SW];
        end
    end
    assign in_ready = !busy && !out_valid;
    always @(posedge clk) begin
        if (rst) begin
            busy <= 1'b0;
            out_valid <= 1'b0;
        end else if (in_valid && !busy && !out_valid) begin
            out_scores <= in_data;
            index <= {CW{1'b0}};
            out_class <= {CW{1'b0}};
            best <= in_data[SW-1:0];
            busy <= 1'b1;
        end else if (busy) begin
            if ($signed(current) > $signed(best)) begin
                best <= current;
                out_class <= index;
            end
            if (index == LAST) begin
                busy <= 1'b0;
                out_valid <= 1'b1;
            end
            index <= index + 1'b1;
        end else if (out_ready) begin
            out_valid <= 1'b0;
        end
    end
endmodule
